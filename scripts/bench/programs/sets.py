# Set operations: add/discard/contains, union/intersection/difference/symmetric difference,
# set comprehensions, frozenset of tuples, with int and str elements. Results are reduced
# order-independently (sum, len, sorted), so iteration order never matters.


def lcg_stream(seed, n, mod):
    out = []
    state = seed
    for _ in range(n):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        out.append(state % mod)
    return out


xs = lcg_stream(1, 200000, 150000)
ys = lcg_stream(2, 200000, 150000)
a = set(xs)
b = set(ys)
u = a | b
i = a & b
d = a - b
s = a ^ b
acc = len(u) + len(i) * 3 + len(d) * 5 + len(s) * 7

members = 0
for v in range(0, 300000, 2):
    if v in a:
        members += 1
for v in xs[:50000]:
    b.discard(v)
for v in range(100000):
    b.add(v * 3)
acc += members + len(b)

words = {"w%d" % (v % 5000) for v in xs}
other = {"w%d" % (v % 7000) for v in ys}
acc += len(words & other) + len(words | other)
acc += sum(int(w[1:]) for w in words - other)

pairs = frozenset((v % 300, v % 7) for v in xs)
acc += len(pairs) + sum(p for p, q in pairs if q == 3)
acc += sum(sorted(i)[:1000])
print("checksum:", acc)
