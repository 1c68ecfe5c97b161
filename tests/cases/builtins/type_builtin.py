print(type(1), type(type(1)), type("x") is str)
try:
    type()
except TypeError as e:
    print(e)
try:
    type(1, 2)
except TypeError as e:
    print(e)
