# List permutations without itertools: a recursive generator that swaps in place and
# yields copies, plus list slicing, indexing and comparisons on the results.


def permutations(items):
    items = list(items)
    n = len(items)

    def rec(k):
        if k == n:
            yield items[:]
            return
        for i in range(k, n):
            items[k], items[i] = items[i], items[k]
            yield from rec(k + 1)
            items[k], items[i] = items[i], items[k]

    return rec(0)


count = 0
checksum = 0
largest = []
for start in ([4, 1, 7, 0, 8, 3, 6, 2, 5], [15, 11, 19, 10, 18, 13, 16, 12, 14]):
    best = None
    for p in permutations(start):
        count += 1
        # positional weight so every permutation contributes differently
        checksum = (checksum * 31 + p[0] * 7 + p[4] * 3 + p[-1]) % 1000000007
        if best is None or p > best:
            best = p
    largest.append(best)
print("permutations:", count)
print("largest:", largest)
print("checksum:", checksum)
