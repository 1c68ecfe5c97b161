import sys
n = sys.getrefcount(None)
x = [None] * 100
print(sys.getrefcount(None) - n)
t = 12345678
base = sys.getrefcount(t)
ys = [t] * 10
print(sys.getrefcount(t) - base)
