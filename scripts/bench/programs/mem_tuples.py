# Memory: a list of 10**6 distinct 3-tuples of ints.
N = 10 ** 6
data = [(i, i + 1, i + 2) for i in range(N)]
print("checksum:", sum(t[0] + t[2] for t in data) % 1000000007, len(data))
