import sys
print(sys.getsizeof(range(10)), sys.getsizeof(range(10 ** 20)), sys.getsizeof(slice(1, 2)), sys.getsizeof(slice(None)))
print(sys.getsizeof(iter([])), sys.getsizeof(iter(())), sys.getsizeof(iter("")), sys.getsizeof(iter(range(3))), sys.getsizeof(iter({})))
print(sys.getsizeof(enumerate([])), sys.getsizeof(zip()), sys.getsizeof(map(len, [])), sys.getsizeof(filter(None, [])), sys.getsizeof(reversed([])))
print(sys.getsizeof(memoryview(b"abc")), sys.getsizeof(property()), sys.getsizeof(staticmethod(len)), sys.getsizeof(classmethod(len)))
