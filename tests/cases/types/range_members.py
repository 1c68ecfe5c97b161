# range.start/.stop/.step are the (index-converted) objects the range was made from.
for r in (range(5), range(1, 10), range(10, 0, -3), range(-2**70, 2**70, 2**65), range(True, 3)):
    print(repr(r), r.start, r.stop, r.step, type(r.start).__name__)
k = 1000
r = range(k, k + 5)
print(r.start is k)
print(range(0, 20, 4)[1:4].start, range(0, 20, 4)[::-1].step)
