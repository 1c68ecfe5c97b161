# Generator pipeline: chained generator functions, generator expressions, yield from,
# send-free iteration protocol, sum()/max() over generators.


def numbers(n):
    i = 0
    while i < n:
        yield i
        i += 1


def scaled(it, k):
    for x in it:
        yield x * k


def only_odd(it):
    for x in it:
        if x & 1:
            yield x


def windows(it, size):
    buf = []
    for x in it:
        buf.append(x)
        if len(buf) == size:
            yield tuple(buf)
            del buf[0]


def flatten(it):
    for group in it:
        yield from group


def pipeline(n):
    stage = numbers(n)
    stage = scaled(stage, 3)
    stage = only_odd(stage)
    stage = windows(stage, 3)
    stage = (a + b * 2 + c * 3 for a, b, c in stage)
    return stage


total = 0
for v in pipeline(1600000):
    total = (total + v) % 1000000007
flat = sum(flatten((i, i + 1) for i in range(800000)))
biggest = max(x % 9973 for x in scaled(numbers(800000), 7))
print("pipeline:", total, "flat:", flat, "max:", biggest)
print("checksum:", (total + flat + biggest) % 1000000007)
