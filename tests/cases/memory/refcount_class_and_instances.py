import sys
class K:
    pass
base = sys.getrefcount(K)
objs = [K() for _ in range(10)]
print(sys.getrefcount(K) - base)
del objs
print(sys.getrefcount(K) - base)
