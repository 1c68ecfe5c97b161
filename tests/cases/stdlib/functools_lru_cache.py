from functools import lru_cache, cache
calls = []
@lru_cache(maxsize=2)
def sq(n):
    calls.append(n)
    return n * n
for n in (1, 2, 1, 3, 1, 2):
    sq(n)
print(calls, sq.cache_info())
sq.cache_clear()
print(sq.cache_info())
@cache
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(100), fib.cache_info())
