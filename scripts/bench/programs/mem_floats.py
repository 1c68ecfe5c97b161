# Memory: a list of 10**6 distinct floats.
N = 10 ** 6
data = [i * 0.5 + 0.25 for i in range(N)]
print("checksum:", int(sum(data)) % 1000000007, len(data))
