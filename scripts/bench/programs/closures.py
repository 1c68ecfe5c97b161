# Closures: nested functions capturing cells, nonlocal rebinding, closures returned from
# factories, lambdas, and functions passed as arguments (map/filter/sorted keys).


def make_counter(start):
    count = start

    def inc(step):
        nonlocal count
        count += step
        return count

    return inc


def make_adder(n):
    return lambda x: x + n


def compose(f, g):
    def h(x):
        return f(g(x))
    return h


def memo_fib():
    cache = {}

    def fib(n):
        if n < 2:
            return n
        hit = cache.get(n)
        if hit is not None:
            return hit
        v = fib(n - 1) + fib(n - 2)
        cache[n] = v
        return v

    return fib


total = 0
counters = [make_counter(i) for i in range(100)]
for r in range(12000):
    for c in counters:
        total += c(r & 7)
adders = [make_adder(k) for k in range(50)]
pipeline = compose(adders[3], compose(adders[7], adders[11]))
for i in range(800000):
    total += pipeline(i)
for i in range(8000):
    total += memo_fib()(90) % 1000
total += sum(map(lambda x: x * 2, filter(lambda x: x % 3, range(100000))))
total += sum(sorted(range(50000), key=lambda x: (x * 7919) % 10007)[:100])
print("checksum:", total % 1000000007)
