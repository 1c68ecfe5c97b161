try:
    raise 5
except TypeError as e:
    print(e)
try:
    raise int
except TypeError as e:
    print(e)
class NotExc:
    pass
try:
    raise ValueError from NotExc()
except TypeError as e:
    print(e)
