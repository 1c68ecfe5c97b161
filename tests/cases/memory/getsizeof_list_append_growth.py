import sys
lst = []
prev = sys.getsizeof(lst)
print(0, prev)
for i in range(1, 200):
    lst.append(i)
    s = sys.getsizeof(lst)
    if s != prev:
        print(len(lst), s)
        prev = s
