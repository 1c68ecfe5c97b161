# Memory: 10**6 dicts, each with the same 5 str keys.
N = 10 ** 6
data = [{"a": i, "b": 1, "c": 2, "d": 3, "e": 4} for i in range(N)]
print("checksum:", sum(d["a"] + d["e"] for d in data) % 1000000007, len(data))
