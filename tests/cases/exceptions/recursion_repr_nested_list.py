lst = []
for _ in range(100000):
    lst = [lst]
try:
    repr(lst)
except RecursionError as e:
    print(type(e).__name__, e)
