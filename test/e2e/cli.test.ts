/**
 * End to end through the `aws` command line (`aws dynamodb … --endpoint-url`), as the README
 * shows it. Skips, saying so, when the aws CLI is not installed.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startServer, type RunningServer } from '../../src/index.js';

const run = promisify(execFile);
const probe = spawnSync('aws', ['--version'], { encoding: 'utf8' });
const skip = probe.error || probe.status !== 0 ? 'the aws CLI is not installed (apt-get install awscli to run these tests)' : false;

let server: RunningServer;
let home: string;

before(async () => {
  if (skip) return;
  server = await startServer({ port: 0, inMemory: true });
  home = mkdtempSync(join(tmpdir(), 'tessera-awscli-'));
  writeFileSync(join(home, 'config'), '[default]\n');
});
after(async () => {
  await server?.close();
  if (home) rmSync(home, { recursive: true, force: true });
});

/** Runs `aws dynamodb <args>` against the server; returns parsed JSON output, or the failure. */
async function aws(args: string[], region = 'us-east-1'): Promise<{ ok: boolean; json?: any; stderr: string }> {
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'fakeKey',
    AWS_SECRET_ACCESS_KEY: 'fakeSecret',
    AWS_DEFAULT_REGION: region,
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    AWS_PAGER: '',
    AWS_MAX_ATTEMPTS: '1',
    AWS_PROFILE: undefined,
    AWS_SESSION_TOKEN: undefined,
  };
  try {
    const { stdout, stderr } = await run('aws', ['dynamodb', ...args, '--endpoint-url', server.url, '--output', 'json'], {
      env,
      timeout: 60_000,
    });
    return { ok: true, json: stdout.trim() ? JSON.parse(stdout) : undefined, stderr };
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    return { ok: false, stderr: e.stderr ?? e.message };
  }
}

describe('aws CLI', { skip }, () => {
  test('create-table, describe-table, list-tables', async () => {
    const created = await aws([
      'create-table',
      '--table-name', 'cli_music',
      '--attribute-definitions', 'AttributeName=Artist,AttributeType=S', 'AttributeName=Song,AttributeType=S',
      '--key-schema', 'AttributeName=Artist,KeyType=HASH', 'AttributeName=Song,KeyType=RANGE',
      '--billing-mode', 'PAY_PER_REQUEST',
    ]);
    assert.ok(created.ok, created.stderr);
    assert.equal(created.json.TableDescription.TableName, 'cli_music');
    assert.equal(created.json.TableDescription.TableArn, 'arn:aws:dynamodb:us-east-1:000000000000:table/cli_music');

    const waited = await aws(['wait', 'table-exists', '--table-name', 'cli_music']);
    assert.ok(waited.ok, waited.stderr);
    const described = await aws(['describe-table', '--table-name', 'cli_music']);
    assert.equal(described.json.Table.TableStatus, 'ACTIVE');
    assert.equal(described.json.Table.BillingModeSummary.BillingMode, 'PAY_PER_REQUEST');

    const listed = await aws(['list-tables']);
    assert.ok(listed.json.TableNames.includes('cli_music'));
  });

  test('put-item, get-item, delete-item', async () => {
    await aws([
      'create-table', '--table-name', 'cli_items',
      '--attribute-definitions', 'AttributeName=pk,AttributeType=S',
      '--key-schema', 'AttributeName=pk,KeyType=HASH',
      '--billing-mode', 'PAY_PER_REQUEST',
    ]);
    const put = await aws([
      'put-item', '--table-name', 'cli_items',
      '--item', JSON.stringify({ pk: { S: 'a' }, year: { N: '02021.0' }, tags: { SS: ['x', 'y'] }, blob: { B: 'AAEC' } }),
    ]);
    assert.ok(put.ok, put.stderr);
    const got = await aws(['get-item', '--table-name', 'cli_items', '--key', JSON.stringify({ pk: { S: 'a' } }), '--consistent-read']);
    assert.ok(got.ok, got.stderr);
    assert.deepEqual(got.json.Item.year, { N: '2021' });
    // aws CLI v1 sends a blob given on the command line as its raw text (so "AAEC" is stored as
    // the four bytes A A E C); v2 decodes it as base64 (bytes 00 01 02). Either way it round-trips.
    const blob = Buffer.from(got.json.Item.blob.B, 'base64');
    assert.ok(blob.equals(Buffer.from([0, 1, 2])) || blob.equals(Buffer.from('AAEC')), got.json.Item.blob.B);
    assert.deepEqual([...got.json.Item.tags.SS].sort(), ['x', 'y']);

    const del = await aws(['delete-item', '--table-name', 'cli_items', '--key', JSON.stringify({ pk: { S: 'a' } }), '--return-values', 'ALL_OLD']);
    assert.ok(del.ok, del.stderr);
    assert.deepEqual(del.json.Attributes.pk, { S: 'a' });
    const after = await aws(['get-item', '--table-name', 'cli_items', '--key', JSON.stringify({ pk: { S: 'a' } })]);
    assert.equal(after.json, undefined, 'get-item of a missing item prints nothing');
  });

  test('errors are reported with their DynamoDB error code and message', async () => {
    const r = await aws(['describe-table', '--table-name', 'cli_no_such_table']);
    assert.equal(r.ok, false);
    assert.match(r.stderr, /ResourceNotFoundException/);
    const v = await aws(['get-item', '--table-name', 'ab', '--key', '{"pk": {"S": "a"}}']);
    assert.equal(v.ok, false);
    assert.match(v.stderr, /ValidationException/);
  });

  test('the CLI region shows up in ARNs', async () => {
    const created = await aws(
      [
        'create-table', '--table-name', 'cli_region',
        '--attribute-definitions', 'AttributeName=pk,AttributeType=S',
        '--key-schema', 'AttributeName=pk,KeyType=HASH',
        '--billing-mode', 'PAY_PER_REQUEST',
      ],
      'ap-southeast-2',
    );
    assert.ok(created.ok, created.stderr);
    assert.equal(created.json.TableDescription.TableArn, 'arn:aws:dynamodb:ap-southeast-2:000000000000:table/cli_region');
  });
});
