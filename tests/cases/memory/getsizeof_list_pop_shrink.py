import sys
lst = list(range(100))
prev = sys.getsizeof(lst)
print(len(lst), prev)
while lst:
    lst.pop()
    s = sys.getsizeof(lst)
    if s != prev:
        print(len(lst), s)
        prev = s
