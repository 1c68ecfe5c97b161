import sys
d = {"a": 1}
print(sys.getsizeof(d.keys()), sys.getsizeof(d.values()), sys.getsizeof(d.items()))
print(sys.getsizeof(iter(d)), sys.getsizeof(iter(d.items())), sys.getsizeof(reversed(d)))
print(sys.getsizeof(iter(set())), sys.getsizeof(iter(b"")), sys.getsizeof(iter(bytearray())))
