print(isinstance(1, int), isinstance(1, (str, float)), isinstance(1, (str, (float, int))), isinstance(True, int))
print(issubclass(bool, (str, int)), issubclass(int, object), issubclass(list, list))
print(isinstance(None, type(None)), isinstance(int, type), isinstance([], object))
print(isinstance(1, int | str), issubclass(bool, int | None))
try:
    isinstance(1, 1)
except TypeError as e:
    print(e)
try:
    issubclass(1, int)
except TypeError as e:
    print(e)
