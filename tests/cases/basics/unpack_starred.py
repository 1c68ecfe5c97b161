a, *b = [1, 2, 3, 4]
print(a, b)
*a, b = range(4)
print(a, b)
a, *b, c = "hello"
print(a, b, c)
a, *b, c = [1, 2]
print(a, b, c)
first, *_, last = range(100)
print(first, last)
print([*range(3), *"ab"], (*[1], 2), {*"aa", 3} == {"a", 3})
print({**{"a": 1}, "b": 2, **{"a": 3}})
