lst = [3, 1, 2]
lst.append(4); lst.extend([5, 6]); lst.insert(0, 0); lst.insert(100, 7); lst.insert(-1, 99)
print(lst)
print(lst.pop(), lst.pop(0), lst.pop(-2), lst)
lst.remove(99)
print(lst, lst.index(2), lst.count(1), lst.copy() == lst, lst.copy() is lst)
lst.reverse(); print(lst)
lst.clear(); print(lst)
try:
    [].pop()
except IndexError as e:
    print(e)
try:
    [1].remove(2)
except ValueError as e:
    print(e)
try:
    [1].index(5)
except ValueError as e:
    print(e)
