# Memory: a list of 10**6 distinct small ints (all above the cached -5..256 range).
N = 10 ** 6
data = [i * 3 + 1000 for i in range(N)]
print("checksum:", sum(data) % 1000000007, len(data))
