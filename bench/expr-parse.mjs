// Expression parser throughput, against the compiled build: `npm run build && node bench/expr-parse.mjs`.
//
// Prints parses per second for typical expressions of each kind, parsed from scratch (lexer +
// parser + text passes, no cache), and for a whole request's preparation through the text cache
// (prepareExpressions: cache lookup, placeholder resolution, validation passes, compilation).
import { parseCondition, parseProjection, parseUpdate } from '../dist/src/expr/parser.js';
import { clearExpressionCache, prepareExpressions } from '../dist/src/expr/index.js';

const conditions = [
  'attribute_not_exists(pk)',
  '#status = :active AND version = :v',
  'attribute_exists(#o.#i[3].qty) AND (price BETWEEN :lo AND :hi OR begins_with(sku, :p)) AND NOT contains(tags, :t)',
  'size(items) > :n AND #t IN (:a, :b, :c, :d) AND attribute_type(meta, :m)',
];
const updates = [
  'SET #c = #c + :one',
  'SET n = n + :one, l = list_append(if_not_exists(l, :empty), :l), m.#new = :nv REMOVE stale, m.gone ADD cnt :one, tags :ss DELETE bad :ss',
];
const projections = ['a, b, c', 'id, #n, address.city, orders[0].total, orders[1].total, meta.tags'];

function rate(label, fn, ms = 1000) {
  let n = 0;
  for (let i = 0; i < 2000; i++) fn(i); // warm up
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 1000; i++) fn(n++);
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  }
  const perSec = Math.round((n / elapsed) * 1000);
  console.log(`${label.padEnd(48)} ${perSec.toLocaleString('en-US').padStart(12)} /s`);
}

console.log('Expression parsing: lexer + parser, from scratch (no cache)');
rate('ConditionExpression (4 shapes)', (i) => parseCondition(conditions[i % conditions.length], 'ConditionExpression'));
rate('UpdateExpression (2 shapes)', (i) => parseUpdate(updates[i % updates.length]));
rate('ProjectionExpression (2 shapes)', (i) => parseProjection(projections[i % projections.length]));
rate('long condition only', () => parseCondition(conditions[2], 'ConditionExpression'));

console.log('\nRequest preparation (text cache warm: resolve + validate + compile)');

const values = {
  ':one': { N: '1' },
  ':empty': { L: [] },
  ':l': { L: [{ S: 'x' }] },
  ':nv': { S: 'v' },
  ':ss': { SS: ['a'] },
  ':v': { N: '3' },
};
const updateInput = {
  UpdateExpression: updates[1],
  ConditionExpression: 'version = :v',
  ExpressionAttributeNames: { '#new': 'new' },
  ExpressionAttributeValues: values,
};
const ctx = { operation: 'UpdateItem', key: { hash: { name: 'pk', type: 'S' } } };
rate('UpdateItem with update + condition', () => prepareExpressions(updateInput, ctx));
rate('UpdateItem, cache cleared each time', () => {
  clearExpressionCache();
  prepareExpressions(updateInput, ctx);
});

