# The corpus's cases, grouped by file. Evaluated by make-cases.py (helpers defined there).

# ---------------------------------------------------------------------------------------------
# syntax: where DynamoDB reports a syntax error, and the token/near text it names
for e in ['SET a = = :v', 'SET a = :v,', 'SET a = :v, ', 'SET a = :v b = :v', 'SET', 'SET a', 'SET a =',
          'set a = :v', 'SET a.b.c = = :v', 'SET   a   =   =   :v', 'SET a = :v REMOVE', 'REMOVE a,,b',
          'SET a = 1', 'SET 1a = :v', 'SET a-b = :v', 'SET _a = :v', 'SET a$ = :v', 'SET a = :v)',
          'SET a = (:v', 'SET a[1 = :v', 'SET a[-1] = :v', 'SET a[x] = :v', 'SET a[01] = :v',
          'SET a = :v + :v + :v', 'SET a = :v ADD', 'FOO a = :v', '  ', 'SET a = "x"', "SET a = 'x'",
          'SET a = :v;', 'SET a = :', 'SET # = :v', 'SET ä = :v', 'SET set = :v', 'SET a = :v REMOVE remove',
          'SET and = :v', 'SET between = :v', 'SET in = :v', 'SET not = :v', 'SET or = :v', 'SET add = :v',
          'SET delete = :v', 'ADD c, d :v', 'ADD c = :v', 'DELETE c :v + :v', 'REMOVE a = :v',
          'SET a = -:v', 'SET #a-b = :v', 'SET a = :v + (:v - :v)', 'SET (a) = :v', 'ADD c d', 'ADD c (:v)',
          'ADD c size(:v)', 'DELETE c d', 'SET a = f()', '  = :v', 'a = :v', 'SET a = :v REMOVE b SET c = :v REMOVE',
          'SET a = (:v + :v) + :v', 'SET a = list_append(:v + :v, :v)', 'SET a = :v SET b = = :v',
          'SET a..b = :v', 'SET a.[0] = :v', 'SET a[0]b = :v', 'SET a = :v\t,', 'SET a\n= :v =', 'SET a = #',
          'SET a = :v, , b = :v', 'REMOVE', 'REMOVE a b', 'SET a = b c', 'SET a = size(b) c', 'SET 😀 = :v',
          'SET a = :v 😀', 'SET a = if_not_exists(a :v)', 'SET a = if_not_exists(a, :v', 'SET a = list_append()',
          'SET a = (', 'SET a = ()', 'DELETE a', 'ADD a', 'SET a[] = :v', 'SET a[0.5] = :v', 'SET a.0 = :v',
          'SET a = :v SETb = :v', 'SET a = :v,b = :v,c', 'set a = :v remove b add c :v delete d :v set']:
    upd('syntax', e, values=V)

for e in ['set = :v', 'remove = :v', 'add = :v', 'a = :v AND', 'a BETWEEN :v', 'a IN ()', 'NOT a', 'a',
          'a = :v = :v', 'a < b < c', 'a = :v OR', 'a IN :v', 'a = :v in (:v)', 'a != :v', 'a == :v', 'a =< :v',
          'a < = :v', '  = :v', '= :v', 'a.b(c)', '(a = :v', '(a) AND b = :v', '(a = :v) = :v', 'NOT (a)',
          '(NOT a)', 'a BETWEEN :v OR :v', 'a BETWEEN (:v AND :v)', 'a IN (:v,)', 'a IN (:v :v)', 'size(a',
          'size()', 'size(a) b', 'a = :v AND AND b = :v', 'a = :v NOT b = :v', 'NOT', '()', '(a = :v))',
          'a = (b = :v)', 'a IN ((:v), :v)', 'a BETWEEN :v AND :v AND', 'a <> :v <> :v', 'a = :v b',
          'begins_with(a, :v) = ', 'a.b[1].c = :v)', 'a = #', '#a = :', 'a = :v OR (b = :v AND c = :v',
          'a = :v AND (b)', '(a = :v) b', 'attribute_exists a', 'a = +:v', 'a = :v + :v', 'a >= :v > b',
          'NOT NOT', 'a IN', 'a BETWEEN', ':v', '(:v)', '(size(a))', 'a = :v OR b', 'a[0 = :v', 'a[0]] = :v']:
    put('syntax-condition', e, values=V)

for e in ['a,', ',a', 'a b', 'a = b', 'a.b[0', 'a[1]x', 'a, , b', 'a + b', 'size(a)', '(a)', ':v', 'a.', 'a.#',
          'set', 'and', 'a,set', ' ', 'a[01]', 'a[-1]', 'a.b.c, d[2], #e']:
    get('syntax-projection', e)

# ---------------------------------------------------------------------------------------------
# update-validate: each validation fault of an UpdateExpression, and which one wins
VN = {':v': N(1)}
for e, v, n in [
    ('SET name = :v', V, None), ('SET a.name = :v', V, None), ('SET a = name', V, None), ('SET a[0].#n.name = :v', V, {'#n': 'x'}),
    ('REMOVE name', None, None), ('ADD name :v', VN, None), ('DELETE name :v', {':v': SS('a')}, None),
    ('SET a = :u', V, None), ('SET a = #u', V, None), ('SET #u = :v', V, None), ('REMOVE #u', None, None),
    ('ADD #u :v', VN, None), ('ADD a :u', VN, None), ('DELETE a :u', VN, None),
    ('SET a = :u, b = :w', V, None), ('SET a = :w, b = :u', V, None), ('SET a = #u, b = #w', V, None),
    ('SET a = #u, b = :w', V, None), ('SET a = :w, b = #u', V, None), ('SET a = :w, name = :v', V, None),
    ('SET a = foo(:v), b = :w', V, None), ('SET b = :w, a = foo(:v)', V, None), ('SET b = name, a = foo(:v)', V, None),
    ('SET a = foo(name)', V, None), ('SET a = ((foo(:v)))', V, None), ('SET a = ((:u))', V, None), ('SET a = ((name))', V, None),
    ('SET b = size(:v), a = foo(:v)', V, None), ('SET a = foo(:v), b = size(:v)', V, None),
    ('SET a = list_append(:v), b = size(:v)', V, None), ('SET b = size(:v), a = list_append(:v)', V, None),
    ('SET a = list_append(:v), b = :w', V, None), ('SET b = :w, a = list_append(:v)', V, None),
    ('SET a = :v + :v, b = :w', V, None), ('SET b = :w, a = :v + :v', V, None),
    ('SET a = :v, a = :w', V, None), ('SET a = :w, a = :v', V, None), ('SET a = :v + :v, a = :v', V, None),
    ('SET a = if_not_exists(:v, a)', V, None), ('SET a = if_not_exists(a)', V, None), ('SET a = if_not_exists(a, :v, :v)', V, None),
    ('SET a = list_append(:v, :v, :v)', V, None), ('SET a = list_append(a)', V, None),
    ('SET a = :v REMOVE b ADD a :v', V, None), ('SET a = :v SET b = :w', V, None), ('SET a = :v REMOVE b REMOVE c', V, None),
    ('ADD a :v ADD b :v', VN, None), ('DELETE a :v DELETE b :v', {':v': SS('a')}, None),
    ('SET a = = :v SET b = :w', V, None), ('SET a = :v SET b = = :w', V, None), ('SET a = ((:v)) SET c = :v', V, None),
    ('SET a = :v SET c = ((:v))', V, None), ('SET name = :v SET c = :v', V, None), ('SET a = foo(:v) SET c = :v', V, None),
    ('SET name = :v, b = ((:v))', V, None), ('SET b = ((:v)), name = :v', V, None), ('SET #u = :v, b = ((:v))', V, None),
    ('SET #u = :w', V, None), ('SET a = :w + :u', V, None), ('SET a = #w + :u', V, None), ('SET a = list_append(:w, :u)', V, None),
    ('SET a = :w REMOVE b', V, None), ('REMOVE #b SET a = :w', V, None), ('SET a = :w REMOVE #b', V, None),
    ('ADD a :w DELETE #b :v', V, None), ('DELETE #b :v ADD a :w', V, None), ('SET a = :v, b = :v, c = :w', V, None),
    ('SET a = size(b)', V, None), ('SET a = attribute_exists(b)', V, None), ('SET a = contains(b, :v)', V, None),
    ('SET a = begins_with(b, :v)', V, None), ('SET a = attribute_type(b, :v)', V, None), ('SET a = attribute_not_exists(b)', V, None),
    ('SET a = Size(b)', V, None), ('SET a = LIST_APPEND(b, :v)', V, None), ('SET a = if_not_exists(b, size(c))', V, None),
    ('SET a = list_append(b, if_not_exists(c, :v))', {':v': L()}, None), ('SET a = list_append(if_not_exists(c, :v), :w)', {':v': L(), ':w': S('x')}, None),
    ('SET a = if_not_exists(b, :v) + :v', V, None), ('SET a = :v - if_not_exists(b, :w)', {':v': N(1), ':w': S('x')}, None),
    ('SET a = list_append(:v, b) + :w', V, None), ('SET a = if_not_exists(b, list_append(c, :v))', {':v': N(1)}, None),
    ('SET a = if_not_exists(b.c[0], :v)', V, None), ('SET a = if_not_exists(#u, :v)', V, None), ('SET a = if_not_exists(b, :u)', V, None),
    ('SET a = if_not_exists(:u, b)', V, None), ('SET a = if_not_exists(:v)', V, None), ('SET a = list_append(:u)', V, None),
    ('SET a = list_append(#u)', V, None), ('SET a = :s + :u', {':s': S('x')}, None), ('SET a = :u + :s', {':s': S('x')}, None),
    ('SET a = :s + #u', {':s': S('x')}, None), ('SET a = b + :s', {':s': S('x')}, None), ('SET a = :n + :s', {':s': S('x'), ':n': N(1)}, None),
    ('SET a = :s - :n', {':s': S('x'), ':n': N(1)}, None), ('SET a = :l + :s', {':s': S('x'), ':l': L()}, None),
    ('SET a = :s + :l', {':s': S('x'), ':l': L()}, None),
    ('ADD a :v', {':v': S('x')}, None), ('ADD a :v', {':v': B('eA==')}, None), ('ADD a :v', {':v': BOOL(True)}, None),
    ('ADD a :v', {':v': NULL}, None), ('ADD a :v', {':v': M()}, None), ('ADD a :v', {':v': L()}, None),
    ('DELETE a :v', {':v': S('x')}, None), ('DELETE a :v', {':v': N(1)}, None), ('DELETE a :v', {':v': L()}, None),
    ('DELETE a :v', {':v': M()}, None), ('DELETE a :v', {':v': BOOL(False)}, None), ('DELETE a :v', {':v': NULL}, None),
    ('ADD a :s, b :u', {':s': S('x')}, None), ('ADD a :u, b :s', {':s': S('x')}, None), ('ADD a :s DELETE b :n', {':s': S('x'), ':n': N(1)}, None),
    ('DELETE b :n ADD a :s', {':s': S('x'), ':n': N(1)}, None), ('SET c = :s + :n ADD a :s', {':s': S('x'), ':n': N(1)}, None),
    ('ADD a :s SET c = :s + :n', {':s': S('x'), ':n': N(1)}, None),
    ('SET pk = :v', V, None), ('SET pk = :w', V, None), ('SET pk = :v + :v', V, None), ('SET pk = :v, pk = :v', V, None),
    ('SET pk.a = :v', V, None), ('REMOVE pk', None, None), ('ADD pk :v', VN, None), ('DELETE pk :v', {':v': SS('a')}, None),
    ('SET #k = :v', V, {'#k': 'pk'}), ('SET a = :v, pk = :v', V, None), ('SET a[0] = :v REMOVE pk', V, None),
    ('SET pk = :v', V, {'#x': 'y'}), ('SET pk = :v', {':v': S('x'), ':x': S('y')}, None),
    ('REMOVE a[2147483647]', None, None), ('REMOVE a[2147483648]', None, None), ('REMOVE a[99999999999999999999]', None, None),
    ('REMOVE a[2147483648], name', None, None), ('REMOVE name, a[2147483648]', None, None), ('SET a = b[2147483648], #u = :v', V, None),
    ('REMOVE a' + '.b' * 31, None, None), ('REMOVE a' + '.b' * 32, None, None), ('REMOVE a' + '[0]' * 32, None, None),
    ('REMOVE a' + '[0]' * 31, None, None), ('SET a' + '.b' * 32 + ' = :u', V, None), ('SET a = :u, b' + '.c' * 40 + ' = :v', V, None),
    ('SET a = :v', V, {'#x': 'y'}), ('SET a = :v', {':v': S('x'), ':x': S('y')}, None),
    ('SET #a = :v', V, {'#a': 'name'}), ('SET #a.#b = :v', V, {'#a': 'x', '#b': 'y'}), ('SET #a = :v, #b = :v', V, {'#a': 'x', '#b': 'x'}),
    ('SET #a = :v, #b = :v', V, {'#a': 'x'}), ('SET #a = :v, #a = :v', V, None), ('SET #a = :v, a = :v', V, {'#a': 'a'}),
    ('SET a = #a', {':x': S('y')}, {'#a': 'a'}),
]:
    upd('update-validate', e, values=v, names=n)

# the 300-operator limit and the 4 KB limit
names3 = ['x' + a + b for a in 'abcdefghijklmnopqrstuvwxyz' for b in 'abcdefghijklmnopqrstuvwxyz']
NV = {':n': N(1)}
upd('update-limits', 'SET ' + ','.join(f'{names3[i]}=:n+:n' for i in range(300)), values=NV, rv='NONE')
upd('update-limits', 'SET ' + ','.join(f'{names3[i]}=:n+:n' for i in range(301)), values=NV, rv='NONE')
upd('update-limits', 'SET ' + ','.join(f'{names3[i]}=:n+:n' for i in range(250)) + ',' + ','.join(f'y{names3[i]}=if_not_exists(y,:n)' for i in range(51)), values=NV, rv='NONE')
upd('update-limits', 'SET ' + ','.join(f'{names3[i]}=:n+:n' for i in range(250)) + ',' + ','.join(f'y{names3[i]}=if_not_exists(y,:n)' for i in range(50)), values=NV, rv='NONE')
upd('update-limits', 'SET ' + ','.join(f'{names3[i]}=:n+:n' for i in range(250)) + ',' + ','.join(f'y{names3[i]}=list_append(:l,:l)' for i in range(51)), values={':n': N(1), ':l': L()}, rv='NONE')
upd('update-limits', 'SET ' + ','.join(f'{names3[i]}=:n+:n' for i in range(301)) + ',a=:s+:n', values={':n': N(1), ':s': S('x')}, rv='NONE')
upd('update-limits', 'SET a=:s+:n,' + ','.join(f'{names3[i]}=:n+:n' for i in range(301)), values={':n': N(1), ':s': S('x')}, rv='NONE')
upd('update-limits', 'SET a=:u,' + ','.join(f'{names3[i]}=:n+:n' for i in range(301)), values={':n': N(1)}, rv='NONE')
upd('update-limits', 'SET ' + ','.join(f'{names3[i]}=:n+:n' for i in range(301)) + ',a=:u', values=NV, rv='NONE')
upd('update-limits', 'SET ' + ','.join(f'{names3[i]}=:n+:n' for i in range(301)) + ',xaa=:n', values=NV, rv='NONE')
upd('update-limits', 'SET ' + ','.join(f'{names3[i]}=:n+:n' for i in range(301)) + ',pk=:n', values=NV, rv='NONE')
upd('update-limits', 'SET ' + ','.join(f'{names3[i]}=:n+:n' for i in range(301)), values={':n': N(1), ':x': N(1)}, rv='NONE')
upd('update-limits', 'SET ' + ','.join(f'{names3[i]}=:n+:n' for i in range(301)), values=NV, rv='NONE', cond='a = :u')
upd('update-limits', 'SET ' + ','.join(f'{names3[i]}=:n-:n' for i in range(299)) + ',a=b,c=d', values=NV, rv='NONE')
upd('update-limits', 'ADD ' + ','.join(f'{names3[i]} :n' for i in range(400)), values=NV, rv='NONE')
upd('update-limits', 'REMOVE ' + ','.join(f'{names3[i]}' for i in range(601)), rv='NONE')
base = 'SET a = :n REMOVE '
upd('update-limits', base + 'b' * (4096 - len(base)), values=NV, rv='NONE')
upd('update-limits', base + 'b' * (4097 - len(base)), values=NV, rv='NONE')
upd('update-limits', base + 'b' * (4094 - len(base)) + 'é', values=NV, rv='NONE')
upd('update-limits', base + 'b' * (4096 - len(base)) + '=', values=NV, rv='NONE')
upd('update-limits', base + 'b' * (4097 - len(base)), values={':x': N(1)}, rv='NONE')
upd('update-limits', 'SET a = :n', values=NV, rv='NONE', cond='a = :n OR ' + 'b' * (4097 - 10 - 5) + ' = :n')
upd('update-limits', base + 'b' * (4097 - len(base)), values=NV, rv='NONE', cond='a = = :n')
upd('update-limits', 'SET a = = :n', values=NV, rv='NONE', cond='a = :n OR ' + 'b' * (4097 - 10 - 5) + ' = :n')

# function nesting inside SET values
LV = {':l': L(S('x')), ':n': N(1), ':s': S('x')}
for e in ['SET a = list_append(list_append(b, :l), :l)', 'SET a = list_append(:l, list_append(b, :l))',
          'SET a = if_not_exists(b, if_not_exists(c, :n))', 'SET a = if_not_exists(b, :n) + :n',
          'SET a = :n + if_not_exists(b, :n)', 'SET a = if_not_exists(b, :n) - if_not_exists(c, :n)',
          'SET a = list_append(if_not_exists(b, :l), :l)', 'SET a = list_append(:l, if_not_exists(b, :l))',
          'SET a = if_not_exists(b, list_append(c, :l))', 'SET a = list_append(b, :l) + :n', 'SET a = :n - list_append(b, :l)',
          'SET a = if_not_exists(list_append(b, :l), :l)', 'SET a = (list_append(b, :l))', 'SET a = (if_not_exists(b, :n)) + :n',
          'SET a = list_append((if_not_exists(b, :l)), :l)', 'SET a = if_not_exists(b, (list_append(c, :l)))',
          'SET a = list_append(b, :l), c = if_not_exists(d, list_append(e, :l))', 'SET c = if_not_exists(d, list_append(e, :l)), a = list_append(b, :l)',
          'SET a = if_not_exists(b, list_append(c, :u))', 'SET a = if_not_exists(b, list_append(c))', 'SET a = list_append(b, :l) + :u',
          'SET a = if_not_exists(if_not_exists(b, :n), :n)', 'SET a = list_append(:s, :l) + :s', 'SET a = :s + list_append(:s, :l)',
          'SET a = list_append(list_append(:s, :l), :l)', 'SET a = if_not_exists(b, :n) + :s', 'SET a = :s + if_not_exists(b, :s)',
          'SET a = list_append(if_not_exists(b, :s), :l)', 'SET a = list_append(:l, if_not_exists(b, :n))',
          'SET a = list_append(if_not_exists(b, :l), :n)', 'SET a = list_append(:n, if_not_exists(b, :s))']:
    upd('update-functions', e, values=LV, item={'b': L(S('b')), 'c': L(S('c'))})

# resolution order inside one action
for e, v in [('SET a = if_not_exists(:u, b)', V), ('SET a = list_append(:u)', V), ('SET a = list_append(#u)', V),
             ('SET a = :s + :u', {':s': S('x')}), ('SET a = :s + #u', {':s': S('x')}), ('SET a = :u + :s', {':s': S('x')}),
             ('SET a = #u + :s', {':s': S('x')}), ('SET a = list_append(:s, :u)', {':s': S('x')}), ('SET a = list_append(:u, :s)', {':s': S('x')}),
             ('SET a = list_append(:s, :n, :u)', {':s': S('x'), ':n': N(1)}), ('SET a = if_not_exists(:s, :u)', {':s': S('x')}),
             ('SET a = if_not_exists(:s, :n, :u)', {':s': S('x'), ':n': N(1)}), ('SET a = if_not_exists(b, c, :u)', V),
             ('SET a = if_not_exists(:s)', {':s': S('x')}), ('SET a = if_not_exists(#u)', V), ('SET a = list_append(:s, :s) + :u', {':s': S('x')}),
             ('SET a = :s + list_append(:u, b)', {':s': S('x')}), ('SET a = list_append(if_not_exists(:s, b), :u)', {':s': S('x')}),
             ('SET #u = :u', {':s': S('x')}), ('SET #u = list_append(:s)', {':s': S('x')}),
             ('SET a = if_not_exists(b, :u) + :s', {':s': S('x')}), ('SET a = :s + if_not_exists(b, :u)', {':s': S('x')}),
             ('SET a = :s - :s', {':s': S('x')}), ('SET a = :s + :n', {':s': S('x'), ':n': N(1)}), ('SET a = :n + :s', {':s': S('x'), ':n': N(1)})]:
    upd('update-functions', e, values=v)

# overlapping paths: which two paths the message names
import random as _r
_r.seed(7)
for _ in range(120):
    k = _r.randint(2, 6)
    paths = ['.'.join(_r.choice('abc') for _ in range(_r.choice([1, 1, 2, 2, 3]))) for _ in range(k)]
    upd('overlap', 'SET ' + ', '.join(p + ' = :v' for p in paths), values=V)
_alpha = list('abcpqzZB') + ['aa', 'ab', 'xaa', 'xab', 'xag', 'O', 'n']
for _ in range(80):
    k = _r.randint(2, 7)
    seq = [_r.choice(_alpha) for _ in range(k)]
    upd('overlap', 'SET ' + ', '.join(p + ' = :v' for p in seq), values=V)
for _ in range(40):
    k = _r.randint(2, 6)
    seq = ['.'.join(_r.choice(['a', 'b', 'a[0]', 'a[1]', 'b[2]', 'c'])[0:4] for _ in range(_r.choice([1, 2, 3]))) for _ in range(k)]
    seq = [s.replace('.[', '[') for s in seq]
    upd('overlap', 'SET ' + ', '.join(p + ' = :v' for p in seq), values=V)
for seq in [['a[0]', 'a[1]', 'a[0]'], ['a', 'a[3]', 'a[20]'], ['a', 'a[17]', 'a[2]'], ['a', 'a[2]', 'a[17]'], ['a.b', 'x', 'a[0]'],
            ['a[0]', 'x', 'a.b'], ['a.b', 'a.c', 'a[0]'], ['a[1].b', 'a[1][2]'], ['a.b[0]', 'a.b.c'], ['a', 'b', 'c', 'a[5]'],
            ['l[5]', 'l[0]', 'l[5]'], ['l[10]', 'l[100]', 'l'], ['m.x', 'm[1]', 'm.y']]:
    upd('overlap', 'SET ' + ', '.join(p + ' = :v' for p in seq), values=V)
for seq in [('SET a = :v', 'REMOVE b', 'ADD a :n'), ('REMOVE a, b', 'SET a = :v'), ('ADD a :n', 'DELETE a :s'),
            ('DELETE x :s', 'SET y = :v', 'REMOVE x'), ('SET a.b = :v', 'REMOVE a.c', 'ADD a :n')]:
    upd('overlap', ' '.join(seq), values={':v': S('x'), ':n': N(1), ':s': SS('x')})
_names3 = ['x' + a + b for a in 'abcdefghijklmnopqrstuvwxyz' for b in 'abcdefghijklmnopqrstuvwxyz']
for n in [5, 8, 10, 12, 13, 14, 16, 20, 24, 25, 30, 40, 48, 49, 60, 100]:
    seq = _names3[:n] + [_names3[0]]
    upd('overlap', 'SET ' + ','.join(p + '=:v' for p in seq), values=V, rv='NONE')
for proj in ['a, a', 'a.b, a', 'a, b, a.b', 'a[0], a.b', 'a.b, a[0]', 'b, a.x, a', 'a, b, c, a', 'x.y, x.z, x.y', 'a[1], a[2], a', '#a, a', 'a.b.c, a.b.d, a.b']:
    get('overlap-projection', proj, names={'#a': 'a'} if '#a' in proj else None)
for e, v in [('SET b = list_append(c, :l) + :n, a = :u', LV), ('SET a = list_append(b, :l) + :n, c = name', LV),
             ('SET c = name, a = list_append(b, :l) + :n', LV), ('SET a = list_append(b, :l) + :n, c = foo(:n)', LV),
             ('SET c = foo(:n), a = list_append(b, :l) + :n', LV), ('SET a = ((list_append(b, :l))) + :n', LV),
             ('SET a = list_append(b, :l) + :n SET c = :n', LV), ('SET a = size(list_append(b, :l))', LV),
             ('SET a = list_append(size(b), :l)', LV), ('SET #u = list_append(b, :l) + :n', LV)]:
    upd('update-functions', e, values=v)

# ---------------------------------------------------------------------------------------------
# condition-validate: faults of condition expressions and their order
for e, v, n in [
    ('name = :v', V, None), ('a.name = :v', V, None), (':v = name', V, None), ('size(name) = :v', V, None),
    ('attribute_exists(name)', None, None), ('a = :u', V, None), ('#u = :v', V, None), ('a = :w AND b = :u', V, None),
    ('a = :w OR b = :u', V, None), ('a BETWEEN :w AND :u', V, None), ('a IN (:w, :u)', V, None), ('contains(#a, :u)', V, None),
    ('#a = :u', V, None), (':u = #a', V, None), ('NOT a = :w AND (b = :u OR c = :y)', V, None),
    ('attribute_exists(a) = :v', V, None), ('size(a) = :v', V, None), ('size(a)', V, None), (':v = :v', V, None), ('a = a', V, None),
    ('a <> a', V, None), ('a < a', V, None), ('a.b = a.b', V, None), ('a = #a', V, {'#a': 'a'}), ('#a = #b', V, {'#a': 'a', '#b': 'a'}),
    ('a[0] = a[0]', V, None), ('a BETWEEN a AND :v', V, None), ('a BETWEEN :v AND a', V, None), ('a BETWEEN b AND b', V, None),
    ('a IN (:v, a)', V, None), ('a IN (b, b)', V, None), ('size(a) = size(a)', V, None), ('contains(a, a)', V, None),
    ('begins_with(a, a)', V, None), ('contains(a.b, a.b)', V, None), ('contains(:v, :v)', V, None),
    ('attribute_exists(:v)', V, None), ('attribute_exists(a, b)', V, None), ('attribute_exists(a, :u)', V, None),
    ('attribute_exists(:u)', V, None), ('attribute_not_exists(:v)', V, None), ('attribute_exists()', V, None),
    ('if_not_exists(a, :v) = :v', V, None), ('list_append(a, :v) = :v', V, None), ('a = if_not_exists(b, :v)', V, None),
    ('if_not_exists(a, :v)', V, None), ('foo(a)', V, None), ('Size(a) = :v', V, None), ('attribute_Exists(a)', V, None),
    ('begins_with(a, :v) AND contains(a, :v)', V, None), ('contains(:v, a)', V, None), ('contains(a)', V, None),
    ('contains(a, b, c)', V, None), ('begins_with(a)', V, None), ('begins_with(:v, :v)', V, None), ('size(a, b) = :v', V, None),
    ('size(:v) = :v', V, None), ('size(size(a)) = :v', V, None), ('size(attribute_exists(a)) = :v', V, None),
    ('attribute_exists(size(a))', V, None), ('contains(size(a), :v)', V, None), ('begins_with(size(a), :v)', V, None),
    ('attribute_type(a, :v)', V, None), ('attribute_type(a, S)', V, None), ('attribute_type(a, :t)', {':t': S('SS')}, None),
    ('attribute_type(a, :t)', {':t': S('ss')}, None), ('attribute_type(a, :t)', {':t': S('STRING')}, None), ('attribute_type(:t, :t)', {':t': S('S')}, None),
    ('attribute_type(a)', V, None), ('attribute_type(a, :t, :t)', {':t': S('S')}, None), ('attribute_type(a, size(b))', V, None),
    ('attribute_type(a, :u)', V, None), ('attribute_type(:u, :t)', {':t': S('S')}, None), ('attribute_type(a, :t)', {':t': N(1)}, None),
    ('attribute_type(a, :t)', {':t': SS('S')}, None), ('attribute_type(a, :t)', {':t': S('')}, None),
    ('a BETWEEN :hi AND :lo', {':hi': N(2), ':lo': N(1)}, None), ('a BETWEEN :lo AND :hi', {':hi': N(2), ':lo': N(1)}, None),
    ('a BETWEEN :hi AND :lo', {':hi': S('b'), ':lo': S('a')}, None), ('a BETWEEN :hi AND :lo', {':hi': B('Ag=='), ':lo': B('AQ==')}, None),
    ('a BETWEEN :n AND :s', {':n': N(1), ':s': S('1')}, None), ('a BETWEEN :s AND :n', {':n': N(1), ':s': S('1')}, None),
    ('a BETWEEN :x AND :x', {':x': N(1)}, None), ('a BETWEEN :hi AND :lo', {':hi': N('1.50'), ':lo': N('-1E2')}, None),
    ('a BETWEEN :hi AND :lo', {':hi': S('é'), ':lo': S('z')}, None), ('a BETWEEN :b AND :n', {':b': BOOL(True), ':n': N(1)}, None),
    ('a BETWEEN :hi AND :lo AND b = :u', {':hi': N(2), ':lo': N(1)}, None), ('b = :u AND a BETWEEN :hi AND :lo', {':hi': N(2), ':lo': N(1)}, None),
    ('a IN (' + ', '.join([':v'] * 101) + ')', V, None), ('a IN (' + ', '.join([':v'] * 100) + ')', V, None),
    ('a IN (' + ', '.join([':v'] * 101) + ') AND name = :v', V, None), ('name = :v AND a IN (' + ', '.join([':v'] * 101) + ')', V, None),
    ('a IN (' + ', '.join([':v'] * 101) + ') AND b = :u', V, None), ('a IN (' + ', '.join([':v'] * 101) + ') AND ((b = :v))', V, None),
    ('a' + '.b' * 31 + ' = :v', V, None), ('a' + '.b' * 32 + ' = :v', V, None), ('a' + '[0]' * 40 + ' = :v', V, None),
    ('a' + '.b' * 32 + ' = :u', V, None), ('name = :v AND a' + '.b' * 32 + ' = :v', V, None), ('a' + '.b' * 32 + ' = :v AND name = :v', V, None),
    ('a[2147483648] = :v', V, None), ('a[2147483648] = :v AND name = :v', V, None), ('name = :v AND a[2147483648] = :v', V, None),
    ('((a = :v)) AND name = :v', V, None), ('name = :v AND ((a = :v))', V, None), ('((a)) = :u', V, None), ('(((a = :v)))', V, None),
    ('((a)) = :v', V, None), ('a = ((:v))', V, None), ('NOT ((a = :v))', V, None), ('((NOT a = :v))', V, None),
    ('(a = :v) AND (b = :v)', V, None), ('((a = :v) AND (b = :v))', V, None), ('(((a = :v) AND (b = :v)))', V, None),
    ('size((a)) = :v', V, None), ('size(((a))) = :v', V, None), ('a IN ((:v), :v)', V, None), ('a IN (((:v)), :v)', V, None),
    ('foo(a) AND name = :v', V, None), ('name = :v AND foo(a)', V, None), ('foo(name)', V, None), ('size(a) AND b = :u', V, None),
    ('b = :u AND size(a)', V, None), ('attribute_exists(a) = :u', V, None), ('a = :u AND attribute_exists(a) = :v', V, None),
    ('if_not_exists(a, :u) = :v', V, None), ('b = :u AND if_not_exists(a, :v) = :v', V, None),
    ('a < :v', {':v': BOOL(True)}, None), ('a < :v', {':v': NULL}, None), ('a < :v', {':v': L()}, None), ('a < :v', {':v': M()}, None),
    ('a < :v', {':v': SS('x')}, None), ('a <= :v', {':v': NS(1)}, None), ('a > :v', {':v': BS('AQ==')}, None), ('a >= :v', {':v': BOOL(False)}, None),
    (':v < a', {':v': BOOL(True)}, None), ('a = :v', {':v': BOOL(True)}, None), ('a <> :v', {':v': L()}, None),
    ('a IN (:v)', {':v': M()}, None), ('a BETWEEN :v AND :w', {':v': BOOL(True), ':w': N(1)}, None), ('a BETWEEN :w AND :v', {':v': BOOL(True), ':w': N(1)}, None),
    (':v BETWEEN a AND b', {':v': L()}, None), ('size(a) < :v', {':v': BOOL(True)}, None), ('size(:v) = :n', {':v': N(1), ':n': N(1)}, None),
    ('size(:v) = :n', {':v': BOOL(True), ':n': N(1)}, None), ('size(:v) = :n', {':v': NULL, ':n': N(1)}, None), ('size(:v) = :n', {':v': S('ab'), ':n': N(2)}, None),
    ('begins_with(a, :v)', {':v': N(1)}, None), ('begins_with(:v, a)', {':v': N(1)}, None), ('begins_with(a, :v)', {':v': L()}, None),
    ('begins_with(a, :v)', {':v': SS('a')}, None), ('begins_with(size(a), :v)', V, None), ('contains(a, :v)', {':v': M()}, None),
    ('a < :v AND b = :u', {':v': BOOL(True)}, None), ('b = :u AND a < :v', {':v': BOOL(True)}, None), ('a < :v AND a = a', {':v': BOOL(True)}, None),
    ('a = a AND a < :v', {':v': BOOL(True)}, None), ('a < :u AND :v < a', {':v': BOOL(True)}, None),
    ('begins_with(a, :v) AND b = :u', {':v': N(1)}, None), ('attribute_type(a, :v) AND b = :u', V, None),
    ('size(:u) = :v', V, None), ('size(:v, :u) = :v', V, None), ('contains(:u, a, b)', V, None), ('begins_with(#u)', V, None),
    ('contains(a, a, :u)', V, None), ('a = a AND b = :u', V, None), ('b = :u AND a = a', V, None), ('a = :v', V, {'#x': 'y'}),
    ('a = :v', {':v': S('x'), ':w': S('y')}, None), ('#a = :v', V, {'#a': 'a', '#b': 'b'}), ('a = :v', {':v': S('x'), ':w': S('y')}, {'#x': 'y'}),
    ('convert = :v', V, None), ('size = :v', V, None), ('SIZE(a) = :v', V, None), ('Name = :v', V, None), ('nAmE = :v', V, None),
    ('flattern = :v', V, None), ('a = :v AND inner = :v', V, None),
]:
    put('condition-validate', e, values=v, names=n)
put('condition-validate', 'a = :n OR ' + 'b' * (4097 - 10 - 5) + ' = :n', values={':n': N(1)})
put('condition-validate', 'a = :n OR ' + 'b' * (4096 - 10 - 5) + ' = :n', values={':n': N(1)})
put('condition-validate', 'a = :n OR (' + 'b' * (4097 - 10 - 6) + ' = :n', values={':n': N(1)})
put('condition-validate', '', values={':n': N(1)})
put('condition-validate', 'a = :v', values={})
put('condition-validate', 'a = :v', values=V, names={})
put('condition-validate', 'a = :v', values={':v': S('x'), 'w': S('y')})
put('condition-validate', 'a = :v', values=V, names={'x': 'y'})
put('condition-validate', 'a = :v', values=V, names={'#x': ''})
put('condition-validate', 'a = :v', values={':v': S('x'), ':x': {'SS': []}})
put('condition-validate', 'a = :v', values={':v': {'SS': []}}, names={'x': 'y'})
put('condition-validate', 'a = :v', values={'w': S('y'), ':v': {'SS': []}}, names={'#x': ''})
put('condition-validate', 'a = :v', values={':v': {'SS': []}}, names={'#x': ''})
put('condition-validate', 'a = :v', values={':v': S('x'), ':' + 'v' * 255: S('y')})
put('condition-validate', 'a = :v', values={':v': S('x'), ':' + 'v' * 254: S('y')})
put('condition-validate', 'a = :v', values=V, names={'#' + 'n' * 255: 'x'})
put('condition-validate', 'a = :v', values=V, names={'#' + 'n' * 254: 'x'})
put('condition-validate', 'a = :v', values=V, names={'#' + 'é' * 200: 'x'})
put('condition-validate', 'a = :v', values=V, names={'#n': 'x' * 65536})
put('condition-validate', 'a = :v', values=V, names={'#n': 'x' * 65535})
put('condition-validate', 'a = :v', values=V, names={'#n': 'é' * 32768})
put('condition-validate', 'a = :v', values=V, names={'#b': 'x' * 70000, '#' + 'v' * 300: 'x'})
put('condition-validate', 'a = :v', values=V, names={'b': 'y', '#' + 'v' * 300: 'x'})
put('condition-validate', 'a = :v', values=V, names={'#' + 'v' * 300: 'x', 'b': 'y'})
put('condition-validate', 'a = :v', values={':v': S('x'), 'a': S('x'), 'b': S('y'), 'c': S('z'), 'd': S('w')})
put('condition-validate', 'a = :v', values={':v': S('x'), 'd': S('x'), 'c': S('y'), 'b': S('z'), 'a': S('w')})
put('condition-validate', 'a = :v', values=V, names={'#a': 'x', 'b': 'x', 'c': 'y', 'd': 'z'})
put('condition-validate', 'a = :v', values=V, names={'d': 'x', 'c': 'x', 'b': 'y', '#a': 'z'})
put('condition-validate', 'a = :v', values={':v': S('x'), ':a': {'SS': []}, ':b': {'NS': []}})
put('condition-validate', 'a = :v', values={':v': S('x'), ':b': {'NS': []}, ':a': {'SS': []}})
put('condition-validate', 'a = :v', values=V, names={'#a': '', '#b': 'x' * 70000})
put('condition-validate', 'a = :v', values=V, names={'#b': 'x' * 70000, '#a': ''})
put('condition-validate', 'a = :v', values=V, names={'#a': 'x', '#b': 'y', '#c': 'z', '#d': 'w', '#e': 'v', '#f': 'u', '#g': 't', '#h': 's', '#i': 'r', '#j': 'q', '#k': 'p', '#l': 'o'})
put('condition-validate', 'a = :v', values={':v': S('x'), ':a': S('x'), ':b': S('y'), ':c': S('z'), ':d': S('w'), ':e': S('v'), ':f': S('u'), ':g': S('t'), ':h': S('s'), ':i': S('r'), ':j': S('q'), ':k': S('p')})
put('condition-validate', 'a = = :v', values={':v': S('x')}, names={'#a': 'x'})
put('condition-validate', 'name = :v', values={':v': S('x'), ':w': S('x')}, names={'#a': 'x'})

# ---------------------------------------------------------------------------------------------
# update-apply: what an update does to an item, and what ReturnValues returns
IT = {'a': S('A'), 'b': S('B'), 'l': L(S('x'), S('y'), S('z')), 'm': M(b=S('mb'), c=M(d=N(1))), 'n': N(5),
      'ss': SS('a', 'b'), 'ns': NS(1, 2), 'bs': BS('AQ==', 'Ag=='), 'nl': L(N(1), L(N(2), N(3)), M(k=S('v'))),
      'bo': BOOL(True), 'nu': NULL, 'e': S('')}
for rv in ['NONE', 'ALL_OLD', 'UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW']:
    upd('update-apply', 'SET n = n + :one, l = list_append(l, :l), c = if_not_exists(c, :c), m.#new = :nv, d = n - :one REMOVE b, m.b ADD cnt :one, ss :ss DELETE ns :ns',
        values={':one': N(1), ':l': L(S('w')), ':c': S('C'), ':nv': S('new'), ':ss': SS('c'), ':ns': NS(1)}, names={'#new': 'new'}, item=IT, rv=rv)
for e, v, rv in [
    ('SET a = b, b = a', None, 'ALL_NEW'), ('SET l[0] = :v REMOVE l[1]', {':v': S('new')}, 'ALL_NEW'),
    ('REMOVE l[0], l[2]', None, 'ALL_NEW'), ('REMOVE l[2], l[0]', None, 'ALL_NEW'),
    ('SET l[7] = :v, l[5] = :w', {':v': S('seven'), ':w': S('five')}, 'ALL_NEW'), ('SET l[5] = :v REMOVE l[0]', {':v': S('new')}, 'ALL_NEW'),
    ('SET l[3] = :v', {':v': S('new')}, 'ALL_NEW'), ('SET l[2] = :v', {':v': S('new')}, 'ALL_NEW'), ('SET l[1] = :v, l[9] = :w REMOVE l[0], l[2]', {':v': S('one'), ':w': S('nine')}, 'ALL_NEW'),
    ('SET m.b = :v', {':v': S('new')}, 'UPDATED_NEW'), ('SET m.b = :v', {':v': S('new')}, 'UPDATED_OLD'),
    ('SET m.c.d = :v', {':v': S('new')}, 'UPDATED_OLD'), ('SET m.c.e = :v', {':v': S('new')}, 'UPDATED_OLD'), ('SET m.c.e = :v', {':v': S('new')}, 'UPDATED_NEW'),
    ('SET l[1] = :v', {':v': S('new')}, 'UPDATED_NEW'), ('SET l[1] = :v', {':v': S('new')}, 'UPDATED_OLD'),
    ('SET l[9] = :v', {':v': S('new')}, 'UPDATED_NEW'), ('SET l[9] = :v', {':v': S('new')}, 'UPDATED_OLD'), ('SET l[3] = :v', {':v': S('new')}, 'UPDATED_NEW'),
    ('REMOVE m.b, l[0]', None, 'UPDATED_OLD'), ('REMOVE m.b, l[0]', None, 'UPDATED_NEW'), ('REMOVE l[2]', None, 'UPDATED_NEW'),
    ('REMOVE zz, m.zz', None, 'UPDATED_OLD'), ('REMOVE zz, m.zz', None, 'UPDATED_NEW'), ('REMOVE zz.y', None, 'ALL_NEW'), ('REMOVE a.y', None, 'ALL_NEW'),
    ('REMOVE a[0]', None, 'ALL_NEW'), ('REMOVE l[10]', None, 'ALL_NEW'), ('REMOVE m[0]', None, 'ALL_NEW'), ('REMOVE l.x', None, 'ALL_NEW'),
    ('REMOVE zz[0]', None, 'ALL_NEW'), ('REMOVE m.zz.y', None, 'ALL_NEW'), ('REMOVE l[5].x', None, 'ALL_NEW'), ('REMOVE nl[1][0], nl[2].k', None, 'ALL_NEW'),
    ('SET a = a', None, 'UPDATED_NEW'), ('SET a = a', None, 'UPDATED_OLD'), ('ADD n :v', {':v': N(2)}, 'UPDATED_OLD'), ('ADD n :v', {':v': N(2)}, 'UPDATED_NEW'),
    ('ADD a :v', {':v': N(2)}, 'ALL_NEW'), ('ADD ss :v', {':v': NS(1)}, 'ALL_NEW'), ('ADD ss :v', {':v': SS('c', '0')}, 'ALL_NEW'),
    ('ADD ss :v', {':v': SS('a')}, 'ALL_NEW'), ('ADD ns :v', {':v': NS('2.0', 3, '-1')}, 'ALL_NEW'), ('ADD bs :v', {':v': BS('AQ==', 'AA==', '/w==')}, 'ALL_NEW'),
    ('ADD zz :v', {':v': SS('q', 'p')}, 'ALL_NEW'), ('ADD zz :v', {':v': N('-0.5')}, 'ALL_NEW'), ('ADD l :v', {':v': L(S('q'))}, 'ALL_NEW'),
    ('ADD n :v', {':v': SS('q')}, 'ALL_NEW'), ('ADD bo :v', {':v': N(1)}, 'ALL_NEW'), ('ADD nu :v', {':v': N(1)}, 'ALL_NEW'),
    ('DELETE ss :v', {':v': SS('a', 'b')}, 'ALL_NEW'), ('DELETE ss :v', {':v': SS('a', 'q')}, 'ALL_NEW'), ('DELETE ss :v', {':v': NS(1)}, 'ALL_NEW'),
    ('DELETE a :v', {':v': SS('A')}, 'ALL_NEW'), ('DELETE zz :v', {':v': SS('A')}, 'ALL_NEW'), ('DELETE ns :v', {':v': NS('1.0')}, 'ALL_NEW'),
    ('DELETE bs :v', {':v': BS('AQ==')}, 'ALL_NEW'), ('DELETE ss :v', {':v': SS('a')}, 'UPDATED_OLD'), ('DELETE ss :v', {':v': SS('a', 'b')}, 'UPDATED_NEW'),
    ('DELETE zz :v', {':v': SS('a')}, 'UPDATED_OLD'), ('DELETE m.zz :v', {':v': SS('a')}, 'ALL_NEW'), ('DELETE zz.y :v', {':v': SS('a')}, 'ALL_NEW'),
    ('ADD m.zz :v', {':v': N(1)}, 'UPDATED_NEW'), ('ADD l[1] :v', {':v': N(1)}, 'UPDATED_NEW'), ('ADD l[7] :v', {':v': N(1)}, 'ALL_NEW'),
    ('ADD nl[0] :v', {':v': N(1)}, 'ALL_NEW'), ('ADD zz.y :v', {':v': N(1)}, 'ALL_NEW'), ('DELETE l[0] :v', {':v': SS('x')}, 'ALL_NEW'),
    ('SET zz.y = :v', {':v': N(1)}, 'ALL_NEW'), ('SET a.y = :v', {':v': N(1)}, 'ALL_NEW'), ('SET a[0] = :v', {':v': N(1)}, 'ALL_NEW'),
    ('SET m[0] = :v', {':v': N(1)}, 'ALL_NEW'), ('SET l.x = :v', {':v': N(1)}, 'ALL_NEW'), ('SET l[5].x = :v', {':v': N(1)}, 'ALL_NEW'),
    ('SET l[0].x = :v', {':v': N(1)}, 'ALL_NEW'), ('SET nl[2].k2 = :v, nl[1][5] = :v', {':v': N(1)}, 'ALL_NEW'), ('SET ss[0] = :v', {':v': N(1)}, 'ALL_NEW'),
    ('SET x = a + :v', {':v': N(1)}, 'ALL_NEW'), ('SET x = zz + :v', {':v': N(1)}, 'ALL_NEW'), ('SET x = :v + zz', {':v': N(1)}, 'ALL_NEW'),
    ('SET x = list_append(a, :v)', {':v': L()}, 'ALL_NEW'), ('SET x = list_append(zz, :v)', {':v': L()}, 'ALL_NEW'),
    ('SET x = list_append(:v, l)', {':v': L(S('0'))}, 'ALL_NEW'), ('SET x = list_append(l, l)', None, 'ALL_NEW'), ('SET x = list_append(l, nl[1])', None, 'ALL_NEW'),
    ('SET x = m.zz', None, 'ALL_NEW'), ('SET x = if_not_exists(zz, a)', None, 'ALL_NEW'), ('SET x = if_not_exists(a, zz)', None, 'ALL_NEW'),
    ('SET x = if_not_exists(zz, yy)', None, 'ALL_NEW'), ('SET a = if_not_exists(a, :v)', {':v': S('new')}, 'UPDATED_NEW'),
    ('SET zz = if_not_exists(zz, :v)', {':v': S('new')}, 'UPDATED_OLD'), ('SET x = l[1]', None, 'ALL_NEW'), ('SET x = nl[1][1]', None, 'ALL_NEW'),
    ('SET x = nl[2].k', None, 'ALL_NEW'), ('SET x = l[9]', None, 'ALL_NEW'), ('SET x = m', None, 'ALL_NEW'),
    ('SET n = n + :v', {':v': N('0.1')}, 'ALL_NEW'), ('SET n = n - :v', {':v': N('5.000')}, 'ALL_NEW'),
    ('SET n = :a + :b', {':a': N('99999999999999999999999999999999999999'), ':b': N(1)}, 'ALL_NEW'),
    ('SET n = :a + :b', {':a': N('9.9999999999999999999999999999999999999E+125'), ':b': N('1E+125')}, 'ALL_NEW'),
    ('SET n = :a - :b', {':a': N('1E-130'), ':b': N('1E-130')}, 'ALL_NEW'), ('SET n = :a + :b', {':a': N('0.1'), ':b': N('0.2')}, 'ALL_NEW'),
    ('SET n = :a - :b', {':a': N('1E+125'), ':b': N('-9E+125')}, 'ALL_NEW'), ('SET n = :a + :b', {':a': N('12345678901234567890123456789012345678'), ':b': N('0.5')}, 'ALL_NEW'),
    ('ADD n :v', {':v': N('1E+125')}, 'ALL_NEW'), ('ADD n :v', {':v': N('-5')}, 'ALL_NEW'),
    ('SET a = :v', {':v': S('new')}, 'ALL_OLD'), ('SET q = :v', {':v': S('new')}, 'UPDATED_OLD'), ('SET q = :v', {':v': S('new')}, 'UPDATED_NEW'),
    ('REMOVE a', None, 'ALL_NEW'), ('REMOVE a', None, 'UPDATED_NEW'), ('REMOVE a', None, 'UPDATED_OLD'),
    ('SET #a = :v', {':v': M(x=L(N(1), SS('a')))}, 'ALL_NEW'), ('SET e = :v', {':v': S('')}, 'ALL_NEW'), ('SET b = :v', {':v': B('')}, 'ALL_NEW'),
    ('SET x = size(a)', None, 'ALL_NEW'), ('SET l[0] = l[2], l[2] = l[0]', None, 'ALL_NEW'), ('SET m.c = m.b, m.b = m.c', None, 'ALL_NEW'),
    ('REMOVE l[0] SET l[1] = l[0]', None, 'ALL_NEW'), ('SET l[1] = :v REMOVE l[0], l[2]', {':v': S('q')}, 'UPDATED_NEW'),
    ('REMOVE l[0], l[1], l[2]', None, 'ALL_NEW'), ('REMOVE l[0], l[1], l[2]', None, 'UPDATED_NEW'),
    ('SET l[4] = :v, l[3] = :w', {':v': S('4'), ':w': S('3')}, 'ALL_NEW'), ('SET l[4] = :v REMOVE l[2]', {':v': S('4')}, 'ALL_NEW'),
    ('SET a.b = :v, x = zz', {':v': N(1)}, 'ALL_NEW'), ('SET x = zz, a.b = :v', {':v': N(1)}, 'ALL_NEW'), ('SET x = a + :v, y = zz', {':v': N(1)}, 'ALL_NEW'),
    ('SET y = zz, x = a + :v', {':v': N(1)}, 'ALL_NEW'), ('REMOVE zz.y SET x = zz', None, 'ALL_NEW'), ('SET x = zz REMOVE zz.y', None, 'ALL_NEW'),
    ('ADD a :n SET x = zz', {':n': N(1)}, 'ALL_NEW'), ('SET x = zz ADD a :n', {':n': N(1)}, 'ALL_NEW'), ('ADD a :n, zz.q :n', {':n': N(1)}, 'ALL_NEW'),
    ('ADD zz.q :n, a :n', {':n': N(1)}, 'ALL_NEW'), ('DELETE a :s ADD zz.q :n', {':n': N(1), ':s': SS('x')}, 'ALL_NEW'),
    ('ADD zz.q :n DELETE a :s', {':n': N(1), ':s': SS('x')}, 'ALL_NEW'), ('SET x = a + :n, y = b + :n', {':n': N(1)}, 'ALL_NEW'),
    ('SET n = n + :big', {':big': N('9.9999999999999999999999999999999999999E+125')}, 'ALL_NEW'), ('SET n = n + :big, x = zz', {':big': N('9.9999999999999999999999999999999999999E+125')}, 'ALL_NEW'),
    ('SET x = zz, n = n + :big', {':big': N('9.9999999999999999999999999999999999999E+125')}, 'ALL_NEW'),
]:
    upd('update-apply', e, values=v, item=IT, rv=rv, names={'#a': 'a'} if '#a' in e else None)
# updates of a missing item (upsert)
for e, v in [('SET a = :v', {':v': S('x')}), ('SET a.b = :v', {':v': S('x')}), ('REMOVE a', None), ('ADD n :v', {':v': N(1)}),
             ('ADD s :v', {':v': SS('x')}), ('DELETE s :v', {':v': SS('x')}), ('SET l[0] = :v', {':v': S('x')}), ('SET a = if_not_exists(a, :v)', {':v': N(0)}),
             ('SET a = b', None), ('REMOVE a.b', None), ('SET a = list_append(:v, :v)', {':v': L(N(1))})]:
    for rv in ['ALL_NEW', 'UPDATED_OLD', 'ALL_OLD', 'UPDATED_NEW']:
        upd('update-apply', e, values=v, rv=rv)
# item size after an update
big = 'x' * 200000
upd('update-apply', 'SET a = :v', values={':v': S(big)}, item={'b': S(big)}, rv='NONE')
upd('update-apply', 'SET a = :v', values={':v': S('x' * 209580)}, item={'b': S(big)}, rv='NONE')
upd('update-apply', 'SET a = :v', values={':v': S('x' * 209594)}, item={'b': S(big)}, rv='NONE')
upd('update-apply', 'SET a = :v', values={':v': S('x' * 209595)}, item={'b': S(big)}, rv='NONE')
upd('update-apply', 'SET a = list_append(b, b)', values=None, item={'b': L(S('x' * 150000))}, rv='NONE')
upd('update-apply', 'SET c = :v', values={':v': S('x' * 10)}, item={'b': S('x' * 409580)}, rv='NONE')
upd('update-apply', 'REMOVE b SET c = :v', values={':v': S('x' * 10)}, item={'b': S('x' * 409580)}, rv='NONE')
upd('update-apply', 'SET a = :v', values={':v': S('x' * 200000)}, item={'b': S(big)}, rv='NONE', cond='attribute_exists(zz)')
# conditions on updates, ReturnValuesOnConditionCheckFailure
upd('update-apply', 'SET a = :v', values={':v': S('x')}, item=IT, cond='a = :v', rv='ALL_NEW', ReturnValuesOnConditionCheckFailure='ALL_OLD')
upd('update-apply', 'SET a = :v', values={':v': S('x')}, cond='a = :v', rv='ALL_NEW', ReturnValuesOnConditionCheckFailure='ALL_OLD')
upd('update-apply', 'SET a = :v', values={':v': S('x')}, item=IT, cond='attribute_exists(a)', rv='UPDATED_OLD', ReturnValuesOnConditionCheckFailure='ALL_OLD')
upd('update-apply', 'SET a = zz', values=None, item=IT, cond='attribute_exists(zz)', rv='ALL_NEW')
upd('update-apply', 'SET a.b = :v', values={':v': S('x')}, item=IT, cond='attribute_exists(zz)', rv='ALL_NEW')

# run-time faults of an update: which one is reported when several actions fail
import re as _re
IT2 = {'a': S('A'), 'n': N(5), 'l': L(S('x')), 'm': M(b=S('b')), 'ss': SS('a'), 'big': N('9.9999999999999999999999999999999999999E+125'),
       'nine': N('9E+125'), 'tiny': N('1E-130')}
V2 = {':v': N(1), ':big': N('9.9999999999999999999999999999999999999E+125'), ':l': L(S('q')), ':s': SS('x'), ':n': N(1), ':one': N(1),
      ':nine': N('9E+125'), ':five': N(5), ':tiny': N('1E-130'), ':t2': N('1.1E-130'), ':x': N('12345678901234567890123456789012345678')}
for e in ['SET x = a + :v', 'SET x = zz + :v', 'SET x = a + zz', 'SET x = zz + a', 'SET n = n + :big, x = a + :v', 'SET x = a + :v, n = n + :big',
          'ADD n :big SET x = zz', 'SET x = zz ADD n :big', 'SET n = n + :big REMOVE zz.y', 'REMOVE zz.y SET n = n + :big', 'SET x = list_append(a, :l), y = zz',
          'SET y = zz, x = list_append(a, :l)', 'SET x = list_append(zz, :l), y = a + :v', 'SET x = if_not_exists(zz, a) + :v', 'SET n = n + :big, zz.q = :v',
          'SET zz.q = :v, n = n + :big', 'ADD n :big, zz.q :n', 'ADD zz.q :n, n :big', 'ADD a :n SET x = zz', 'SET x = zz ADD a :n', 'ADD a :n REMOVE zz.y',
          'REMOVE zz.y ADD a :n', 'SET x = :big + :big', 'SET x = :big + :big, y = zz', 'SET y = zz, x = :big + :big', 'SET x = a + :v ADD a :n',
          'ADD a :n SET x = a + :v', 'ADD n :big SET x = a + :v', 'SET x = a + :v ADD n :big', 'ADD n :big, a :n', 'ADD a :n, n :big',
          'SET x = list_append(a, :l) ADD n :big', 'ADD n :big SET x = list_append(a, :l)', 'SET l[5].x = :v, x = zz', 'SET x = zz, l[5].x = :v',
          'DELETE ss :s, a :s', 'DELETE a :s, ss :s', 'SET x = a + :v, y = m + :v', 'SET x = m + :v, y = a + :v', 'SET x = zz + :v, y = yy + :v',
          'SET x = yy + :v, y = zz + :v', 'SET x = a + :v REMOVE zz.y', 'REMOVE zz.y SET x = a + :v', 'SET zz.y = :v, x = a + :v', 'SET x = a + :v, zz.y = :v',
          'SET x = n + :big, y = zz', 'SET x = :big + n, y = zz', 'SET x = :big + :one, y = zz', 'SET x = :big + :one', 'SET x = :five + :big, y = zz',
          'SET x = :big + :big, y = a + :v', 'SET x = a + :v, y = :big + :big', 'SET x = :nine + :nine', 'SET x = :nine + :nine, y = zz',
          'SET x = nine + :nine, y = zz', 'SET x = big + big, y = zz', 'SET x = big + :one, y = zz', 'SET x = :t2 - :tiny', 'SET x = :t2 - :tiny, y = zz',
          'SET x = tiny - :t2, y = zz', 'SET x = :x + :v', 'SET x = :x + :v, y = zz', 'ADD big :big, zz.y :v', 'ADD big :one, zz.y :v', 'ADD x :big SET y = zz',
          'SET x = :big - :five, y = zz', 'SET x = :five - :big, y = zz', 'SET x = n - :big, y = zz', 'SET x = :x + :v, y = a + :v',
          'SET m.x = zz, m.y = a + :v', 'SET m.y = a + :v, m.x = zz', 'SET m.q.r = :v, m.x = zz', 'SET zz.y = a + :v', 'SET zz.y = yy', 'SET a.y = yy',
          'SET l[0] = zz, l[1] = a + :v', 'SET l[1] = a + :v, l[0] = zz', 'SET l[3].q = :v, l[0] = zz', 'ADD a :n, m :n, l :n', 'ADD l :n, m :n, a :n',
          'SET b1 = zz, b2 = a + :v, b3 = l + :v', 'SET b3 = l + :v, b2 = a + :v, b1 = zz', 'SET aaa = zz, bbb = a + :v, ccc = yy, ddd = m + :v, eee = :big + :big',
          'SET eee = :big + :big, ddd = m + :v, ccc = yy, bbb = a + :v, aaa = zz']:
    used = {k: v for k, v in V2.items() if _re.search(_re.escape(k) + r'\b', e)}
    upd('update-runtime', e, values=used or None, item=IT2)

# ---------------------------------------------------------------------------------------------
# condition-eval: what conditions evaluate to, over every type
CI = {'s': S('hello'), 'e': S(''), 'n': N('10'), 'nf': N('-2.5'), 'b': B('AQID'), 'bo': BOOL(True), 'nu': NULL,
      'ss': SS('a', 'bb'), 'ns': NS(1, '2.5'), 'bs': BS('AQ==', 'AgM='), 'l': L(S('a'), N(1), L(S('x')), M(k=S('v'))),
      'm': M(a=S('x'), b=L(N(1), N(2)), c=M(d=S('deep'))), 'u': S('é😀z'), 'em': M(), 'el': L()}
VALS = {':s': S('hello'), ':h': S('he'), ':z': S('z'), ':n': N(10), ':n10': N('10.0'), ':n9': N(9), ':big': N('1E+100'),
        ':b': B('AQID'), ':b1': B('AQ=='), ':b2': B('Ag=='), ':t': BOOL(True), ':f': BOOL(False), ':null': NULL,
        ':ss': SS('bb', 'a'), ':ns': NS('2.50', 1), ':l': L(S('a'), N(1), L(S('x')), M(k=S('v'))), ':m': M(a=S('x'), b=L(N(1), N(2)), c=M(d=S('deep'))),
        ':a': S('a'), ':one': N(1), ':x': L(S('x')), ':kv': M(k=S('v')), ':e': S(''), ':two': N(2), ':five': N(5), ':zero': N(0),
        ':S': S('S'), ':N': S('N'), ':B': S('B'), ':BOOL': S('BOOL'), ':NULL': S('NULL'), ':SS': S('SS'), ':NS': S('NS'), ':BS': S('BS'), ':L': S('L'), ':M': S('M'),
        ':ell': S('ell'), ':ab': B('AQ=='), ':bad': B('Aw=='), ':u1': S('é'), ':uz': S('😀'), ':three': N(3), ':four': N(4), ':seven': N(7)}
conds = [
    's = :s', 's = :h', 's <> :s', 's <> :h', 'zz = :s', 'zz <> :s', 'NOT zz = :s', 's < :z', 's > :h', 's >= :s', 's <= :h',
    'n = :n', 'n = :n10', 'n > :n9', 'n < :big', 'nf < :zero', 'n BETWEEN :n9 AND :n10', 'n BETWEEN :n10 AND :n10', 'nf BETWEEN :n9 AND :n10',
    's BETWEEN :h AND :z', 's = :n', 's < :n', 'n < :s', 'b = :b', 'b > :b1', 'b < :b2', 'b BETWEEN :b1 AND :b2', 'bo = :t', 'bo = :f', 'bo <> :f',
    'nu = :null', 'nu <> :null', 'ss = :ss', 'ns = :ns', 'l = :l', 'm = :m', 'm.c = :kv', 'l[3] = :kv', 'm.c.d = :s', 'm.b[1] = :two', 'l[2][0] = :s',
    'l[9] = :s', 'm.zz = :s', 's.x = :s', 'l.x = :s', 'm[0] = :s', 'n IN (:n9, :n10)', 'n IN (:n9, :s)', 's IN (:s)', 'zz IN (:s)', 'l IN (:l)',
    'attribute_exists(s)', 'attribute_exists(zz)', 'attribute_not_exists(zz)', 'attribute_not_exists(s)', 'attribute_exists(m.c.d)',
    'attribute_exists(m.c.zz)', 'attribute_exists(l[3].k)', 'attribute_exists(l[4])', 'attribute_exists(s[0])', 'attribute_exists(e)', 'attribute_exists(nu)',
    'attribute_type(s, :S)', 'attribute_type(s, :N)', 'attribute_type(n, :N)', 'attribute_type(b, :B)', 'attribute_type(bo, :BOOL)', 'attribute_type(nu, :NULL)',
    'attribute_type(ss, :SS)', 'attribute_type(ns, :NS)', 'attribute_type(bs, :BS)', 'attribute_type(l, :L)', 'attribute_type(m, :M)', 'attribute_type(zz, :S)',
    'attribute_type(m.c, :M)', 'attribute_type(:s, :S)', 'attribute_type(:n, :S)', 'attribute_type(size(s), :N)',
    'begins_with(s, :h)', 'begins_with(s, :s)', 'begins_with(s, :z)', 'begins_with(s, :e)', 'begins_with(e, :e)', 'begins_with(b, :ab)', 'begins_with(b, :bad)',
    'begins_with(b, :b)', 'begins_with(s, :ab)', 'begins_with(b, :h)', 'begins_with(zz, :h)', 'begins_with(n, :h)', 'begins_with(ss, :a)', 'begins_with(u, :u1)',
    'begins_with(:s, :h)', 'begins_with(:h, s)', 'begins_with(s, s2)', 'begins_with(m.c.d, :e)',
    'contains(s, :ell)', 'contains(s, :z)', 'contains(s, :e)', 'contains(ss, :a)', 'contains(ss, :z)', 'contains(ns, :one)', 'contains(ns, :two)',
    'contains(bs, :ab)', 'contains(bs, :bad)', 'contains(l, :a)', 'contains(l, :one)', 'contains(l, :x)', 'contains(l, :kv)', 'contains(l, :z)',
    'contains(m, :a)', 'contains(n, :one)', 'contains(b, :ab)', 'contains(zz, :a)', 'contains(s, :n)', 'contains(ns, :n10)', 'contains(u, :uz)',
    'contains(:s, :ell)', 'contains(:ss, :a)', 'contains(:l, :x)', 'contains(ss, s)', 'contains(l, m.b)', 'contains(m.b, :two)', 'contains(bo, :t)',
    'size(s) = :five', 'size(e) = :zero', 'size(u) = :five', 'size(u) = :one', 'size(u) = :three', 'size(u) = :four', 'size(u) = :seven', 'size(b) = :two', 'size(ss) = :two', 'size(ns) = :two', 'size(bs) = :two',
    'size(l) = :n', 'size(m) = :two', 'size(em) = :zero', 'size(el) = :zero', 'size(n) = :two', 'size(bo) = :one', 'size(nu) = :one', 'size(zz) = :zero',
    'size(zz) <> :zero', 'NOT size(zz) = :zero', 'size(l) BETWEEN :one AND :five', 'size(s) IN (:five)', 'size(:s) = :five', 'size(:l) = :n',
    'size(m.b) = :two', 'size(s) > size(ss)', 'size(s) = size(u)', 'size(l[2]) = :one',
    's = :s AND n = :n', 's = :s AND n = :n9', 's = :h OR n = :n', 's = :h OR n = :n9', 'NOT (s = :s AND n = :n9)', 'NOT s = :s OR n = :n',
    's = :h OR n = :n AND bo = :f', '(s = :h OR n = :n) AND bo = :f', 'NOT NOT s = :s', 'NOT attribute_exists(zz) AND NOT contains(s, :z)',
    'm.a = :a AND l[0] = :a AND m.c.d = :s OR zz = :a', 's = :s AND (n = :n9 OR (bo = :t AND nu = :null))',
    's = m.a', 'm.a = l[0]', 'l[0] = m.a', 'n = ns', 'l[1] = n', 'l[1] < n', 's > m.a', 'm.b[0] = l[1]', 'zz = yy2', 'zz <> yy2',
    'zz BETWEEN :n9 AND :n10', 'n BETWEEN zz AND :n10', 'n BETWEEN m.b[0] AND :n10', 's BETWEEN :n9 AND :n10', 'n BETWEEN :s AND :z',
]
for cnd in conds:
    used = {k: v for k, v in VALS.items() if _re.search(_re.escape(k) + r'(?![A-Za-z0-9_])', cnd)}
    put('condition-eval', cnd, values=used or None, item=CI)
put('condition-eval', 'attribute_not_exists(pk)', values=None, item=None)
put('condition-eval', 'attribute_exists(pk)', values=None, item=None)
put('condition-eval', 'attribute_not_exists(pk)', values=None, item=CI)
put('condition-eval', 'a = :v', values=V, item=None)
put('condition-eval', 'a <> :v', values=V, item=None)
put('condition-eval', 'NOT a = :v', values=V, item=None)
put('condition-eval', 'size(a) = :z', values={':z': N(0)}, item=None)
put('condition-eval', 'attribute_exists(a)', values=None, item=CI, ReturnValuesOnConditionCheckFailure='ALL_OLD')
put('condition-eval', 'attribute_exists(a)', values=None, item=None, ReturnValuesOnConditionCheckFailure='ALL_OLD')
put('condition-eval', 'attribute_exists(a)', values=None, item=CI, ReturnValuesOnConditionCheckFailure='NONE')
put('condition-eval', 'attribute_exists(s)', values=None, item=CI, ReturnValues='ALL_OLD')
add('condition-eval', {'op': 'DeleteItem', 'table': 'h', 'item': CI, 'params': {'ConditionExpression': 'contains(ss, :a)', 'ExpressionAttributeValues': {':a': S('a')}, 'ReturnValues': 'ALL_OLD'}})
add('condition-eval', {'op': 'DeleteItem', 'table': 'h', 'item': CI, 'params': {'ConditionExpression': 'contains(ss, :a)', 'ExpressionAttributeValues': {':a': S('q')}, 'ReturnValuesOnConditionCheckFailure': 'ALL_OLD'}})
add('condition-eval', {'op': 'DeleteItem', 'table': 'h', 'item': None, 'params': {'ConditionExpression': 'attribute_not_exists(pk)'}})
# key tables: conditions on sort keys
for cnd, v in [('sk = :s', {':s': S('s')}), ('begins_with(sk, :s)', {':s': S('s')}), ('sk BETWEEN :a AND :b', {':a': S('a'), ':b': S('z')}), ('attribute_exists(sk)', None)]:
    put('condition-eval', cnd, values=v, item={'x': S('1')}, table='hr')
for cnd, v in [('sk = :s', {':s': N('1.0')}), ('sk < :s', {':s': N(2)}), ('pk = :p', {':p': N(1)}), ('begins_with(sk, :b)', {':b': B('AQ==')}),
               ('sk = :b', {':b': B('AQ==')}), ('size(sk) = :one', {':one': N(1)})]:
    put('condition-eval', cnd, values=v, item={'x': S('1')}, table='nb' if ':b' in cnd or 'pk' in cnd or 'size' in cnd else 'hn')

# ---------------------------------------------------------------------------------------------
# projection: results of ProjectionExpression on GetItem
PI = {'a': S('A'), 'b': N(2), 'l': L(S('x'), M(p=S('P'), q=S('Q')), L(N(1), N(2), N(3)), S('w')),
      'm': M(x=S('X'), y=M(z=S('Z'), w=L(S('w0'), S('w1'))), e=M()), 'ss': SS('a', 'b'), 'n': NULL, 'name': S('reserved')}
for proj, n in [('a', None), ('a, b', None), ('zz', None), ('a, zz', None), ('m.x', None), ('m.y.z', None), ('m.zz', None), ('m.x, m.y.z', None),
                ('m.y.w[1]', None), ('l[0]', None), ('l[1]', None), ('l[1].q', None), ('l[2][1]', None), ('l[0], l[3]', None), ('l[3], l[0]', None),
                ('l[9]', None), ('l[0], l[9]', None), ('l[1].zz', None), ('l[1].q, l[2][2], l[3]', None), ('a.x', None), ('l.x', None), ('m[0]', None),
                ('ss', None), ('ss[0]', None), ('n', None), ('m.e', None), ('m.e.x', None), ('pk', None), ('pk, a', None), ('#n', {'#n': 'name'}),
                ('#n, #m.#x', {'#n': 'name', '#m': 'm', '#x': 'x'}), ('#a', {'#a': 'zz'}), ('m.y, l[2][0]', None), ('m.y.w[0], m.y.w[1]', None),
                ('l[2][0], l[2][2], l[1].p', None), ('m.x, m.zz, m.y.zz', None), ('l[0][0]', None), ('a, m.y.w[5]', None)]:
    get('projection', proj, names=n, item=PI)
get('projection', 'a', item=None)
get('projection', 'name', item=PI)
get('projection', '#n', names={'#n': 'name', '#u': 'x'}, item=PI)
get('projection', '#u', item=PI)
get('projection', 'a', names={'#n': 'x'}, item=PI)
add('projection', {'op': 'GetItem', 'table': 'h', 'item': PI, 'params': {'AttributesToGet': ['a', 'm', 'zz']}})
add('projection', {'op': 'GetItem', 'table': 'h', 'item': PI, 'params': {'AttributesToGet': ['a', 'a']}})
add('projection', {'op': 'GetItem', 'table': 'h', 'item': PI, 'params': {'AttributesToGet': ['m.x']}})
add('projection', {'op': 'GetItem', 'table': 'h', 'item': PI, 'params': {'ProjectionExpression': 'a', 'AttributesToGet': ['a']}})
add('projection', {'op': 'GetItem', 'table': 'h', 'item': PI, 'params': {'AttributesToGet': ['a'], 'ExpressionAttributeNames': {'#a': 'a'}}})

# ---------------------------------------------------------------------------------------------
# query: KeyConditionExpression, FilterExpression, ProjectionExpression
QI = [{'pk': S('p'), 'sk': S(s), 'n': N(i), 'tag': S('even' if i % 2 == 0 else 'odd'), 'm': M(v=N(i))}
      for i, s in enumerate(['a', 'ab', 'abc', 'b', 'ba', 'c', 'é', 'Z', '1', ''][:9])] + [{'pk': S('q'), 'sk': S('a'), 'n': N(99)}]
QV = {':p': S('p'), ':a': S('a'), ':b': S('b'), ':ab': S('ab'), ':c': S('c'), ':z': S('z')}
def qv(kc, extra=None):
    all_ = dict(QV, **(extra or {}))
    return {k: v for k, v in all_.items() if _re.search(_re.escape(k) + r'(?![A-Za-z0-9_])', kc)}
for kc in ['pk = :p', 'pk = :p AND sk = :a', 'pk = :p AND sk < :b', 'pk = :p AND sk <= :b', 'pk = :p AND sk > :b', 'pk = :p AND sk >= :b',
           'pk = :p AND sk BETWEEN :a AND :b', 'pk = :p AND sk BETWEEN :b AND :a', 'pk = :p AND begins_with(sk, :a)', 'pk = :p AND begins_with(sk, :ab)',
           'sk = :a AND pk = :p', ':p = pk', ':p = pk AND :b > sk', ':b <= sk AND pk = :p', '(pk = :p) AND (sk = :a)', '(pk = :p AND sk = :a)',
           '((pk = :p)) AND sk = :a', '#k = :p', '#k = :p AND #s > :a', 'pk = :p OR sk = :a', 'pk = :p AND sk <> :a', 'pk = :p AND sk IN (:a)',
           'pk = :p AND NOT sk = :a', 'NOT pk = :p', 'pk < :p', 'pk = :p AND pk = :p', 'pk = :p AND sk = :a AND sk = :b', 'sk = :a', 'pk = :p AND x = :a',
           'x = :a', 'pk = pk', 'pk = sk', 'attribute_exists(pk)', 'pk = :p AND attribute_exists(sk)', 'pk = :p AND contains(sk, :a)',
           'pk = :p AND size(sk) = :one', 'pk = :p AND sk.x = :a', 'pk.x = :p', 'pk[0] = :p', 'pk = :p AND begins_with(:a, sk)', 'pk = :p AND begins_with(sk, sk)',
           'pk = :p AND sk BETWEEN sk AND :b', 'pk = :p AND sk BETWEEN :a AND sk', 'pk = :p AND sk = x', 'pk = :p AND x = sk', 'pk BETWEEN :p AND :p',
           'begins_with(pk, :p)', 'pk = :p AND begins_with(sk)', 'pk = :p AND attribute_type(sk, :S)', 'pk = :p AND sk = :u', 'pk = :p AND name = :a',
           'pk = :p AND sk = ((:a))', 'pk IN (:p)', 'pk = :n', 'pk = :p AND sk = :n', 'pk = :p AND sk BETWEEN :a AND :n', 'pk = :p AND sk BETWEEN :n AND :a',
           'pk = :p AND begins_with(sk, :n)', 'pk = :e', 'pk = :p AND sk = :e', 'pk = :p AND sk < :e', 'pk = :p AND begins_with(sk, :e)',
           'pk = :p AND sk BETWEEN :e AND :a', 'pk = :p AND sk > :bb', 'pk = :p AND begins_with(sk, :bb)', 'sk = :a AND x = :b', 'x = :a AND y = :b',
           'pk = :p AND sk = :a AND x = :b', 'pk = :p AND sk < :b AND sk > :a', 'pk = :n AND sk = :a', 'pk = :p AND sk <> :n', 'pk <> :p',
           'pk = :p AND (sk = :a OR sk = :b)', 'pk = :p AND size(sk) = :one AND sk = :a', 'size(pk) = :one', 'pk = :p AND sk = :a OR pk = :p']:
    query('query', kc, values=qv(kc, {':one': N(1), ':S': S('S'), ':n': N(1), ':e': S(''), ':bb': B('AQ==')}), names={k: v for k, v in {'#k': 'pk', '#s': 'sk'}.items() if k in kc} or None, items=QI)
for kc, f, proj, extra in [('pk = :p', 'n > :one', None, {}), ('pk = :p', 'tag = :even', None, {}), ('pk = :p', 'sk = :a', None, {}), ('pk = :p', 'pk = :p', None, {}),
                           ('pk = :p', 'a = :a AND sk.x = :a', None, {}), ('pk = :p', 'sk.x = :a', None, {}), ('pk = :p', 'attribute_exists(sk)', None, {}),
                           ('pk = :p', 'size(sk) = :one', None, {}), ('pk = :p', 'contains(m, sk)', None, {}), ('pk = :p', 'm.v > :one', None, {}),
                           ('pk = :p', 'n > :one AND tag = :even', 'sk, n', {}), ('pk = :p', None, 'sk', {}), ('pk = :p', None, 'm.v, tag', {}),
                           ('pk = :p AND sk > :b', 'NOT tag = :even', 'n', {}), ('pk = :p', 'n IN (:one, :two, :three)', 'm', {}), ('pk = :p', 'n = :u', None, {}),
                           ('pk = :p', 'tag = :even', 'tag', {':x': S('x')}), ('pk = :p', '#t = :even', '#t', {}), ('pk = :u', 'n = :one', None, {}),
                           ('pk = = :p', 'n = = :one', None, {}), ('pk = :p', 'n = = :one', 'a b', {}), ('pk = :p', 'name = :one', 'zz, name', {}),
                           ('sk = :a', 'n = :u', None, {}), ('pk = :p', 'sk = :a', 'a, a', {}), ('pk = :p', '#t = :even', 'x', {}),
                           ('pk = :p AND sk = :zz', 'n = :one', None, {}), ('pk = :p', 'n = :one', 'a', {':zz': S('x')}),
                           ('pk = :p OR x = :a', 'n = :u', None, {}), ('pk = :p', 'n > :one', None, {'ScanIndexForward': False})]:
    expr_text = kc + ' ' + (f or '') + ' ' + (proj or '')
    vals = qv(expr_text, {':one': N(1), ':two': N(2), ':three': N(3), ':even': S('even')})
    vals.update({k: v for k, v in extra.items() if k.startswith(':')})
    other = {k: v for k, v in extra.items() if not k.startswith(':')}
    query('query-filter', kc, values=vals or None, names={'#t': 'tag'} if '#t' in expr_text else None, items=QI, filter=f, proj=proj, **other)
# scan: FilterExpression and ProjectionExpression
SI = [{'pk': S(str(i)), 'n': N(i), 'tag': S('even' if i % 2 == 0 else 'odd'), 'l': L(*[N(j) for j in range(i)])} for i in range(6)]
for f, proj, v in [('n > :two', None, {':two': N(2)}), ('tag = :e', 'pk', {':e': S('even')}), ('size(l) >= :three', 'l[0], l[2]', {':three': N(3)}),
                   ('pk = :p', None, {':p': S('1')}), ('contains(l, :four)', None, {':four': N(4)}), (None, 'n, zz', {}), ('attribute_not_exists(zz)', 'pk', {}),
                   ('n = :u', None, {':two': N(2)}), ('n BETWEEN :a AND :b', None, {':a': N(3), ':b': N(1)})]:
    scan('scan', f, values=v or None, items=SI, proj=proj)
# which expression of a Query / Scan is validated first
for kc, f, proj in [('pk = = :p', 'n = = :one', 'a b'), ('pk = = :p', None, 'a b'), ('pk = :p', 'n = = :one', 'a b'), ('pk = = :p', 'n = :one', 'a b'),
                    ('pk = :u', 'n = :w', '#x'), ('pk = :u', None, '#x'), ('pk = :p', 'n = :w', '#x'), ('pk = :u', 'n = :one', '#x'),
                    ('pk = :p OR sk = :a', 'n = :w', None), ('pk = :p OR sk = :a', None, '#x'), ('name = :p', 'n = :one', None), ('pk = :p', 'name = :one', 'size'),
                    ('pk = :p', 'n = :one', 'name'), ('name = :p', None, 'name'), ('pk = :p AND sk = :one', 'n = :w', None), ('pk = :one', None, '#x'),
                    ('pk = :p AND sk = :a AND x = :b', None, None), ('pk = :p AND x = :a AND sk = :b', None, None), ('pk = :p AND sk = :a AND sk = :b', None, None),
                    ('x = :p AND y = :a AND z = :b', None, None), ('pk = :p AND sk = :a AND pk = :p', None, None), ('pk = :p AND x = :a AND y = :b', None, None),
                    ('pk < :p AND x = :a', None, None), ('pk < :p AND sk = :a AND sk = :b', None, None), ('sk < :a AND pk = :one', None, None),
                    ('pk = :one AND sk = :e', None, None), ('pk = :e AND sk = :one', None, None), ('pk = :p AND sk BETWEEN :b AND :one', None, None),
                    ('pk = :p AND begins_with(x, :a)', None, None), ('pk = :p AND x BETWEEN :a AND :b', None, None), ('pk = :p AND size(x) = :one', None, None),
                    ('pk = :p AND sk = :a', 'n = :one', 'n'), ('pk = :p', 'n = :one', 'a, a'), ('pk = :p', 'n = :one AND n = n', 'a, a')]:
    expr_text = kc + ' ' + (f or '') + ' ' + (proj or '')
    vals = qv(expr_text, {':one': N(1), ':e': S('')})
    query('query-order', kc, values=vals or None, names={'#x': 'x'} if '#x' in expr_text and False else None, items=QI, filter=f, proj=proj)
for f, proj in [('n = = :one', 'a b'), ('n = :w', '#x'), ('name = :one', 'a b'), ('n = :one', 'name')]:
    scan('query-order', f, values={':one': N(1)}, items=SI, proj=proj)

# ---------------------------------------------------------------------------------------------
# legacy parameters
LI = {'a': S('A'), 'n': N(5), 'ss': SS('x', 'y'), 'l': L(S('x')), 'm': M(k=S('v')), 'b': B('AQI='), 'bo': BOOL(True), 'nu': NULL}
def legacy_put(file, expected, item=LI, op=None, **extra):
    p = {'Expected': expected, **extra} if expected is not None else dict(extra)
    add(file, {'op': 'PutItem', 'table': 'h', 'item': item, 'params': p})
for exp in [{'a': {'Value': S('A')}}, {'a': {'Value': S('B')}}, {'a': {'Exists': True, 'Value': S('A')}}, {'a': {'Exists': False}},
            {'zz': {'Exists': False}}, {'zz': {'Exists': True}}, {'a': {'Exists': True}}, {'a': {}}, {'zz': {}}, {'a': {'Exists': False, 'Value': S('A')}},
            {'a': {'Value': S('A')}, 'n': {'Value': N(5)}}, {'a': {'Value': S('A')}, 'n': {'Value': N(6)}},
            {'a': {'ComparisonOperator': 'EQ', 'AttributeValueList': [S('A')]}}, {'a': {'ComparisonOperator': 'NE', 'AttributeValueList': [S('A')]}},
            {'zz': {'ComparisonOperator': 'NE', 'AttributeValueList': [S('A')]}}, {'n': {'ComparisonOperator': 'GT', 'AttributeValueList': [N(4)]}},
            {'n': {'ComparisonOperator': 'GE', 'AttributeValueList': [N(5)]}}, {'n': {'ComparisonOperator': 'LT', 'AttributeValueList': [N(5)]}},
            {'n': {'ComparisonOperator': 'LE', 'AttributeValueList': [N(5)]}}, {'n': {'ComparisonOperator': 'BETWEEN', 'AttributeValueList': [N(1), N(9)]}},
            {'n': {'ComparisonOperator': 'BETWEEN', 'AttributeValueList': [N(9), N(1)]}}, {'n': {'ComparisonOperator': 'IN', 'AttributeValueList': [N(1), N(5)]}},
            {'a': {'ComparisonOperator': 'NULL'}}, {'zz': {'ComparisonOperator': 'NULL'}}, {'a': {'ComparisonOperator': 'NOT_NULL'}},
            {'zz': {'ComparisonOperator': 'NOT_NULL'}}, {'ss': {'ComparisonOperator': 'CONTAINS', 'AttributeValueList': [S('x')]}},
            {'ss': {'ComparisonOperator': 'NOT_CONTAINS', 'AttributeValueList': [S('x')]}}, {'zz': {'ComparisonOperator': 'NOT_CONTAINS', 'AttributeValueList': [S('x')]}},
            {'a': {'ComparisonOperator': 'BEGINS_WITH', 'AttributeValueList': [S('A')]}}, {'l': {'ComparisonOperator': 'CONTAINS', 'AttributeValueList': [S('x')]}},
            {'l': {'ComparisonOperator': 'EQ', 'AttributeValueList': [L(S('x'))]}}, {'m': {'ComparisonOperator': 'EQ', 'AttributeValueList': [M(k=S('v'))]}},
            {'m': {'ComparisonOperator': 'NE', 'AttributeValueList': [M(k=S('v'))]}}, {'ss': {'ComparisonOperator': 'GT', 'AttributeValueList': [S('x')]}},
            {'l': {'ComparisonOperator': 'CONTAINS', 'AttributeValueList': [L(S('x'))]}}, {'bo': {'ComparisonOperator': 'EQ', 'AttributeValueList': [BOOL(True)]}},
            {'bo': {'ComparisonOperator': 'CONTAINS', 'AttributeValueList': [BOOL(True)]}}, {'b': {'ComparisonOperator': 'BEGINS_WITH', 'AttributeValueList': [B('AQ==')]}},
            {'b': {'ComparisonOperator': 'CONTAINS', 'AttributeValueList': [B('Ag==')]}}, {'n': {'ComparisonOperator': 'BEGINS_WITH', 'AttributeValueList': [N(5)]}},
            {'a': {'ComparisonOperator': 'EQ', 'AttributeValueList': [S('A'), S('B')]}}, {'a': {'ComparisonOperator': 'EQ', 'AttributeValueList': []}},
            {'a': {'ComparisonOperator': 'EQ'}}, {'a': {'ComparisonOperator': 'NULL', 'AttributeValueList': [S('A')]}}, {'a': {'ComparisonOperator': 'BETWEEN', 'AttributeValueList': [S('A')]}},
            {'a': {'ComparisonOperator': 'IN', 'AttributeValueList': []}}, {'a': {'ComparisonOperator': 'IN'}}, {'a': {'ComparisonOperator': 'XX', 'AttributeValueList': [S('A')]}},
            {'a': {'ComparisonOperator': 'EQ', 'Value': S('A')}}, {'a': {'ComparisonOperator': 'EQ', 'Value': S('A'), 'AttributeValueList': [S('A')]}},
            {'a': {'Value': S('A'), 'AttributeValueList': [S('A')]}}, {'a': {'Exists': True, 'ComparisonOperator': 'EQ', 'AttributeValueList': [S('A')]}},
            {'a': {'Exists': False, 'ComparisonOperator': 'NULL'}}, {'a': {'ComparisonOperator': 'GT', 'AttributeValueList': [BOOL(True)]}},
            {'a': {'ComparisonOperator': 'CONTAINS', 'AttributeValueList': [L()]}}, {'a': {'ComparisonOperator': 'BEGINS_WITH', 'AttributeValueList': [N(1)]}},
            {'a': {'ComparisonOperator': 'IN', 'AttributeValueList': [L()]}}, {'a': {'ComparisonOperator': 'IN', 'AttributeValueList': [S('A'), N(1)]}},
            {'n': {'ComparisonOperator': 'BETWEEN', 'AttributeValueList': [N(1), S('9')]}}, {'a': {'Value': {'SS': []}}}, {'a': {'Exists': 'yes'}},
            {'name': {'Value': S('x')}}, {'a.b': {'Exists': False}}, {'l[0]': {'Exists': False}}, {'': {'Exists': False}}, {}]:
    legacy_put('legacy-expected', exp)
for op in ['AND', 'OR']:
    legacy_put('legacy-expected', {'a': {'Value': S('A')}, 'n': {'Value': N(6)}}, ConditionalOperator=op)
    legacy_put('legacy-expected', {'a': {'Value': S('B')}, 'n': {'Value': N(6)}}, ConditionalOperator=op)
legacy_put('legacy-expected', {'a': {'Value': S('A')}}, ConditionalOperator='XOR')
legacy_put('legacy-expected', {'a': {'Value': S('A')}}, ConditionalOperator='or')
legacy_put('legacy-expected', None, ConditionalOperator='OR')
legacy_put('legacy-expected', {'a': {'Value': S('A')}}, ConditionExpression='a = :v', ExpressionAttributeValues=V)
legacy_put('legacy-expected', {'a': {'Value': S('A')}}, ExpressionAttributeValues=V)
legacy_put('legacy-expected', {'a': {'Value': S('A')}}, ExpressionAttributeNames={'#a': 'a'})
legacy_put('legacy-expected', {'a': {'Value': S('A')}}, ConditionalOperator='OR', ConditionExpression='a = :v', ExpressionAttributeValues=V)
legacy_put('legacy-expected', {'a': {'Value': S('A')}}, item=None)
legacy_put('legacy-expected', {'a': {'Exists': False}}, item=None)
legacy_put('legacy-expected', {'a': {'ComparisonOperator': 'NE', 'AttributeValueList': [S('A')]}}, item=None)
legacy_put('legacy-expected', {'a': {'Value': S('B')}}, ReturnValuesOnConditionCheckFailure='ALL_OLD')
add('legacy-expected', {'op': 'DeleteItem', 'table': 'h', 'item': LI, 'params': {'Expected': {'a': {'Value': S('A')}}, 'ReturnValues': 'ALL_OLD'}})
add('legacy-expected', {'op': 'DeleteItem', 'table': 'h', 'item': LI, 'params': {'Expected': {'a': {'Value': S('B')}}}})
add('legacy-expected', {'op': 'DeleteItem', 'table': 'h', 'item': LI, 'params': {'Expected': {'a': {'Value': S('A')}}, 'ConditionExpression': 'a = :v', 'ExpressionAttributeValues': V, 'ConditionalOperator': 'OR'}})

def legacy_upd(file, updates, item=LI, expected=None, rv='ALL_NEW', **extra):
    p = {'ReturnValues': rv, **extra}
    if updates is not None: p['AttributeUpdates'] = updates
    if expected is not None: p['Expected'] = expected
    add(file, {'op': 'UpdateItem', 'table': 'h', 'item': item, 'params': p})
for au in [{'a': {'Value': S('new')}}, {'a': {'Action': 'PUT', 'Value': S('new')}}, {'a': {'Action': 'DELETE'}}, {'zz': {'Action': 'DELETE'}},
           {'ss': {'Action': 'DELETE', 'Value': SS('x')}}, {'ss': {'Action': 'DELETE', 'Value': SS('x', 'y')}}, {'ss': {'Action': 'DELETE', 'Value': NS(1)}},
           {'a': {'Action': 'DELETE', 'Value': SS('A')}}, {'zz': {'Action': 'DELETE', 'Value': SS('A')}}, {'n': {'Action': 'ADD', 'Value': N(2)}},
           {'zz': {'Action': 'ADD', 'Value': N(2)}}, {'ss': {'Action': 'ADD', 'Value': SS('z')}}, {'zz': {'Action': 'ADD', 'Value': SS('z')}},
           {'l': {'Action': 'ADD', 'Value': L(S('y'))}}, {'zz': {'Action': 'ADD', 'Value': L(S('y'))}}, {'a': {'Action': 'ADD', 'Value': N(1)}},
           {'a': {'Action': 'ADD', 'Value': S('x')}}, {'n': {'Action': 'ADD', 'Value': SS('x')}}, {'a': {'Action': 'PUT'}}, {'a': {'Action': 'ADD'}},
           {'a': {'Action': 'XX', 'Value': S('x')}}, {'a': {'Action': 'DELETE', 'Value': S('A')}}, {'a': {'Action': 'DELETE', 'Value': N(1)}},
           {'pk': {'Value': S('x')}}, {'pk': {'Action': 'DELETE'}}, {'a': {'Value': S('1')}, 'b': {'Action': 'DELETE'}, 'n': {'Action': 'ADD', 'Value': N(1)}},
           {'a.b': {'Value': S('x')}}, {'name': {'Value': S('x')}}, {}, {'a': {'Value': {'SS': []}}}, {'a': {'Value': S('')}}, {'m': {'Action': 'ADD', 'Value': M(x=S('y'))}},
           {'n': {'Action': 'ADD', 'Value': N('-5')}}, {'zz': {'Action': 'ADD', 'Value': B('AQ==')}}, {'l': {'Action': 'ADD', 'Value': S('y')}}]:
    legacy_upd('legacy-update', au)
for rv in ['UPDATED_OLD', 'UPDATED_NEW', 'ALL_OLD', 'NONE']:
    legacy_upd('legacy-update', {'a': {'Value': S('1')}, 'b': {'Action': 'DELETE'}, 'zz': {'Action': 'DELETE'}, 'n': {'Action': 'ADD', 'Value': N(1)}}, rv=rv)
legacy_upd('legacy-update', {'a': {'Value': S('new')}}, item=None)
legacy_upd('legacy-update', {'a': {'Action': 'DELETE'}}, item=None)
legacy_upd('legacy-update', {'n': {'Action': 'ADD', 'Value': N(1)}}, item=None)
legacy_upd('legacy-update', None, item=LI)
legacy_upd('legacy-update', None, item=None)
legacy_upd('legacy-update', {'a': {'Value': S('new')}}, expected={'a': {'Value': S('A')}})
legacy_upd('legacy-update', {'a': {'Value': S('new')}}, expected={'a': {'Value': S('B')}})
legacy_upd('legacy-update', None, expected={'a': {'Value': S('A')}})
legacy_upd('legacy-update', {'a': {'Value': S('new')}}, UpdateExpression='SET a = :v', ExpressionAttributeValues=V)
legacy_upd('legacy-update', {'a': {'Value': S('new')}}, ConditionExpression='a = :v', ExpressionAttributeValues=V)
legacy_upd('legacy-update', {'a': {'Value': S('new')}}, expected={'a': {'Value': S('A')}}, UpdateExpression='SET a = :v', ConditionExpression='a = :v', ExpressionAttributeValues=V, ConditionalOperator='OR')
legacy_upd('legacy-update', None, expected={'a': {'Value': S('A')}}, UpdateExpression='SET a = :v', ExpressionAttributeValues=V)
legacy_upd('legacy-update', {'a': {'Value': S('new')}}, ExpressionAttributeValues=V)
legacy_upd('legacy-update', {'a': {'Value': S('new')}}, ExpressionAttributeNames={'#a': 'a'})
legacy_upd('legacy-update', None, ExpressionAttributeNames={'#a': 'a'})
legacy_upd('legacy-update', None, ExpressionAttributeValues=V)
legacy_upd('legacy-update', None, ConditionExpression='attribute_exists(a)')
legacy_upd('legacy-update', None, ConditionExpression='attribute_exists(zz)')
legacy_upd('legacy-update', None, ConditionExpression='attribute_exists(a)', item=None)

# legacy reads: AttributesToGet, KeyConditions, QueryFilter, ScanFilter
for atg in [['a'], ['a', 'zz'], ['zz'], ['a', 'a'], ['m.k'], ['name'], [], ['pk', 'a']]:
    add('legacy-read', {'op': 'GetItem', 'table': 'h', 'item': LI, 'params': {'AttributesToGet': atg}})
add('legacy-read', {'op': 'GetItem', 'table': 'h', 'item': LI, 'params': {'AttributesToGet': ['a'], 'ProjectionExpression': 'a'}})
def lquery(kc, qf=None, **extra):
    p = {**extra}
    if kc is not None: p['KeyConditions'] = kc
    if qf is not None: p['QueryFilter'] = qf
    add('legacy-read', {'op': 'Query', 'table': 'hr', 'items': QI, 'params': p})
EQ = lambda *v: {'ComparisonOperator': 'EQ', 'AttributeValueList': list(v)}
C = lambda op, *v: {'ComparisonOperator': op, 'AttributeValueList': list(v)}
for kc in [{'pk': EQ(S('p'))}, {'pk': EQ(S('p')), 'sk': EQ(S('a'))}, {'pk': EQ(S('p')), 'sk': C('GT', S('b'))}, {'pk': EQ(S('p')), 'sk': C('LE', S('b'))},
           {'pk': EQ(S('p')), 'sk': C('BETWEEN', S('a'), S('b'))}, {'pk': EQ(S('p')), 'sk': C('BEGINS_WITH', S('a'))}, {'pk': EQ(S('p')), 'sk': C('NE', S('a'))},
           {'pk': EQ(S('p')), 'sk': C('CONTAINS', S('a'))}, {'pk': EQ(S('p')), 'sk': C('NULL')}, {'pk': EQ(S('p')), 'sk': C('IN', S('a'))},
           {'pk': C('GT', S('p'))}, {'pk': C('BEGINS_WITH', S('p'))}, {'sk': EQ(S('a'))}, {'pk': EQ(S('p')), 'x': EQ(S('a'))}, {'pk': EQ(N(1))},
           {'pk': EQ(S('p')), 'sk': EQ(N(1))}, {'pk': EQ(S('p'), S('q'))}, {'pk': EQ()}, {'pk': {'ComparisonOperator': 'EQ'}}, {},
           {'pk': EQ(S('p')), 'sk': C('BETWEEN', S('b'), S('a'))}, {'pk': EQ(S('p')), 'sk': C('BETWEEN', S('a'))}, {'pk': EQ(S(''))},
           {'pk': EQ(S('p')), 'sk': EQ(S('a')), 'x': EQ(S('b'))}, {'pk.x': EQ(S('p'))}]:
    lquery(kc)
for qf, extra in [({'tag': EQ(S('even'))}, {}), ({'n': C('GT', N(2)), 'tag': EQ(S('even'))}, {}), ({'n': C('GT', N(2)), 'tag': EQ(S('even'))}, {'ConditionalOperator': 'OR'}),
                  ({'sk': EQ(S('a'))}, {}), ({'zz': C('NULL')}, {}), ({'n': C('IN', N(1), N(2))}, {}), ({'m': C('NOT_NULL')}, {}),
                  ({'tag': EQ(S('even'))}, {'AttributesToGet': ['sk', 'n']}), ({'tag': EQ(S('even'))}, {'ProjectionExpression': 'sk'}),
                  ({'tag': EQ(S('even'))}, {'FilterExpression': 'n > :one', 'ExpressionAttributeValues': {':one': N(1)}}),
                  (None, {'FilterExpression': 'n > :one', 'ExpressionAttributeValues': {':one': N(1)}}), (None, {'ProjectionExpression': 'sk, n'}),
                  (None, {'AttributesToGet': ['sk']}), (None, {'ConditionalOperator': 'OR'}), (None, {'KeyConditionExpression': 'pk = :p', 'ExpressionAttributeValues': {':p': S('p')}}),
                  (None, {'ProjectionExpression': 'sk', 'ExpressionAttributeValues': {':p': S('p')}}), (None, {'ProjectionExpression': '#s', 'ExpressionAttributeNames': {'#s': 'sk'}}),
                  (None, {'ExpressionAttributeNames': {'#s': 'sk'}}), ({'tag': EQ(S('even'))}, {'ConditionalOperator': 'XOR'})]:
    lquery({'pk': EQ(S('p'))}, qf, **extra)
for sf, extra in [({'tag': EQ(S('even'))}, {}), ({'n': C('GE', N(3)), 'tag': EQ(S('odd'))}, {'ConditionalOperator': 'OR'}), ({'pk': EQ(S('1'))}, {}),
                  ({'l': C('CONTAINS', N(2))}, {}), ({'tag': EQ(S('even'))}, {'AttributesToGet': ['pk']}), ({'tag': EQ(S('even'))}, {'ProjectionExpression': 'pk'}),
                  ({'tag': EQ(S('even'))}, {'FilterExpression': 'n > :one', 'ExpressionAttributeValues': {':one': N(1)}}), ({'n': C('BETWEEN', N(1), N(3))}, {})]:
    add('legacy-read', {'op': 'Scan', 'table': 'h', 'items': SI, 'params': {'ScanFilter': sf, **extra}})

# ---------------------------------------------------------------------------------------------
# request: the order of faults across a request's expressions and placeholder maps
for e, cnd, v, n, item in [
    ('SET a = = :v', 'b = = :v', V, None, None), ('SET a = :v', 'b = = :v', V, None, None), ('SET a = :u', 'b = :w', V, None, None),
    ('SET name = :v', 'a = :u', V, None, None), ('SET a = :u', 'name = :v', V, None, None), ('SET a = foo(:v)', 'b = :u', V, None, None),
    ('SET a = :v', 'foo(a)', V, None, None), ('SET pk = :v', 'a = = :v', V, None, None), ('SET pk = :v', 'a = :u', V, None, None),
    ('SET pk = :v', 'attribute_exists(zz)', V, None, None), ('SET pk = :v', 'attribute_exists(zz)', V, None, {'a': S('x')}),
    ('SET pk = :v', 'a = :v', {':v': S('x'), ':w': S('y')}, None, None), ('SET pk = :v', 'a = :v', V, {'#n': 'x'}, None),
    ('SET a = :v', 'a = :v', {':v': S('x'), ':w': S('y')}, {'#n': 'x'}, None), ('SET a = zz', 'attribute_exists(a)', None, None, None),
    ('SET a = zz', 'attribute_exists(a)', None, None, {'a': S('x')}), ('SET a.b = :v', 'attribute_exists(zz)', V, None, {'a': S('x')}),
    ('SET a = :v', 'a = :v', V, None, {'a': S('x')}), ('SET a = :v REMOVE a', 'b = :u', V, None, None), ('SET a = :v, a = :v', 'b = = :v', V, None, None),
    ('SET a = ((:v))', 'b = = :v', V, None, None), ('SET a = :v', '((b = :v))', V, None, None), ('REMOVE a[2147483648]', 'a = :u', V, None, None),
    ('SET a = :v', 'a IN (' + ', '.join([':v'] * 101) + ')', V, None, None), ('SET a = :v', 'a = :v', {':v': S('x'), 'w': S('y')}, None, None),
    ('SET a = = :v', 'b = :v', {':v': {'SS': []}}, None, None), ('SET a = = :v', 'b = :v', V, {'#n': ''}, None),
    ('SET #n = :v', 'b = :v', V, {'#n': 'pk'}, None), ('SET #n = :v', '#n = :v', V, {'#n': 'pk'}, None), ('SET a = :v', '#n = :v', V, {'#n': 'name'}, None),
    ('SET a = :v', None, V, {'#n': 'x', '#m': 'y'}, None), ('SET a = :v', None, {':v': S('x'), ':b': S('y'), ':a': S('z')}, {'#n': 'x'}, None),
]:
    upd('request', e, values=v, names=n, item=item, cond=cnd)
for cnd, v, n, extra in [('a = :v', V, None, {'ReturnValues': 'ALL_NEW'}), ('a = = :v', V, None, {'ReturnValues': 'ALL_NEW'}),
                         ('a = :v', V, None, {'ReturnValues': 'UPDATED_OLD'}), ('a = :v', {':v': S('x'), ':w': S('y')}, None, {}),
                         (None, V, None, {}), (None, None, {'#n': 'x'}, {}), ('', V, None, {}), ('a = :v', {}, None, {}), ('a = :v', V, {}, {})]:
    put('request', cnd, values=v, names=n, item={'a': S('x')}, **extra)
for cnd, v, n in [(None, V, None), (None, None, {'#n': 'x'}), ('a = :v', V, None), ('a = :u', V, None), ('#a = :v', V, {'#a': 'a', '#b': 'b'})]:
    add('request', {'op': 'DeleteItem', 'table': 'h', 'item': {'a': S('x')}, 'params': params(ConditionExpression=cnd, ExpressionAttributeValues=v, ExpressionAttributeNames=n)})
for proj, n in [('#a', {'#a': 'a', '#b': 'b'}), ('a', {'#a': 'a'}), ('#a', None), ('', None), ('a', {})]:
    get('request', proj, names=n, item={'a': S('x')})
# nesting depth of values an update builds
deep = S('leaf')
for _ in range(30):
    deep = {'M': {'x': deep}}
upd('request', 'SET d.x.x = :v', values={':v': M(y=S('1'))}, item={'d': deep}, rv='NONE')
upd('request', 'SET d = :v', values={':v': deep}, item=None, rv='NONE')
upd('request', 'SET d = :v', values={':v': {'M': {'x': deep}}}, item=None, rv='NONE')
upd('request', 'SET d = :v', values={':v': {'M': {'x': {'M': {'x': deep}}}}}, item=None, rv='NONE')
upd('request', 'SET d = list_append(:v, :v)', values={':v': L(deep)}, item=None, rv='NONE')
for e, v in [('SET pk = :v, x = zz', V), ('SET x = zz, pk = :v', V), ('SET a.b = :v, pk = :v', V), ('SET pk = :v, n = :big + :big', {':v': S('x'), ':big': N('9.9999999999999999999999999999999999999E+125')})]:
    upd('request', e, values=v, item={'a': S('x')})
upd('request', 'SET d = :v, e = :w', values={':v': {'M': {'x': {'M': {'x': deep}}}}, ':w': S('x' * 409000)}, item=None, rv='NONE')
upd('request', 'SET d = :v, pk = :w', values={':v': {'M': {'x': {'M': {'x': deep}}}}, ':w': S('x')}, item=None, rv='NONE')

# ---------------------------------------------------------------------------------------------
# kinds: the same faults in FilterExpression, KeyConditionExpression and ProjectionExpression
for f, v in [('if_not_exists(a, :v) = :v', V), ('list_append(a, :v) = :v', V), ('size(a)', V), ('attribute_exists(a) = :v', V), ('foo(a)', V),
             ('a = a', V), ('((a = :v))', V), ('a = :u', V), ('#u = :v', V), ('name = :v', V), ('', V), ('a IN (' + ', '.join([':v'] * 101) + ')', V),
             ('a' + '.b' * 32 + ' = :v', V), ('a = :n OR ' + 'b' * (4097 - 10 - 5) + ' = :n', {':n': N(1)}), ('attribute_type(a, :v)', V),
             ('a BETWEEN :hi AND :lo', {':hi': N(2), ':lo': N(1)}), ('a < :v', {':v': BOOL(True)}), ('begins_with(a, :v)', {':v': N(1)}),
             ('a = :v AND contains(a, a)', V), ('a[2147483648] = :v', V)]:
    scan('kinds', f, values=v, items=SI)
for kc, v in [('if_not_exists(pk, :p) = :p', {':p': S('p')}), ('pk = :p AND size(sk) = :n', {':p': S('p'), ':n': N(1)}), ('', {':p': S('p')}),
              ('pk = :p AND sk BETWEEN :hi AND :lo', {':p': S('p'), ':hi': S('b'), ':lo': S('a')}), ('pk = :p AND ((sk = :p))', {':p': S('p')}),
              ('pk = :n OR ' + 'b' * (4097 - 10 - 5) + ' = :n', {':n': N(1)}), ('pk = :p AND begins_with(sk, :n)', {':p': S('p'), ':n': N(1)}),
              ('foo(pk)', {':p': S('p')}), ('pk = :p AND sk IN (' + ', '.join([':p'] * 101) + ')', {':p': S('p')})]:
    query('kinds', kc, values=v, items=QI)
for proj, n in [('', None), ('a' + '.b' * 32, None), ('a, ' + 'b' * 4100, None), ('a[2147483648]', None), ('#' + 'x' * 300, {'#' + 'x' * 300: 'y'}),
                ('size(a)', None), ('a = b', None), (':v', None)]:
    get('kinds', proj, names=n, item={'a': S('x')})
