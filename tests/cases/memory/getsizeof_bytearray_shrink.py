import sys
ba = bytearray(100)
print(sys.getsizeof(ba))
del ba[60:]
print(len(ba), sys.getsizeof(ba))
del ba[40:]
print(len(ba), sys.getsizeof(ba))
ba.clear()
print(len(ba), sys.getsizeof(ba))
