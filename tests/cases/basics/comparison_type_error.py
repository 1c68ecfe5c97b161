try:
    1 < "a"
except TypeError as e:
    print(e)
try:
    [1] < (1,)
except TypeError as e:
    print(e)
try:
    None > None
except TypeError as e:
    print(e)
try:
    {} <= {}
except TypeError as e:
    print(e)
