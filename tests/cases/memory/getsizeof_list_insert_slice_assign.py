import sys
l = [0] * 8
print(sys.getsizeof(l))
l.insert(0, 1)
print(sys.getsizeof(l))
l[2:2] = [9] * 20
print(len(l), sys.getsizeof(l))
l[:] = [1, 2]
print(len(l), sys.getsizeof(l))
l *= 50
print(len(l), sys.getsizeof(l))
l += [1]
print(len(l), sys.getsizeof(l))
