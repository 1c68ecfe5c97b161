class N:
    def __int__(self): return 7
    def __float__(self): return 2.5
    def __complex__(self): return 1j
    def __round__(self, n=None): return "rounded"
    def __trunc__(self): return 3
print(int(N()), float(N()), complex(N()), round(N()), __import__("math").trunc(N()))
class Bad:
    def __float__(self): return 1
try:
    float(Bad())
except TypeError as e:
    print(e)
