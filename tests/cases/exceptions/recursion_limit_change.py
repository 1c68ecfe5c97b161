import sys
sys.setrecursionlimit(100)
def f(n):
    return n if n == 0 else f(n - 1)
print(f(50))
try:
    f(200)
except RecursionError as e:
    print(e)
sys.setrecursionlimit(1000)
print(sys.getrecursionlimit())
try:
    sys.setrecursionlimit(0)
except ValueError as e:
    print(e)
