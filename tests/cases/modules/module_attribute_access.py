import _mylib.util as u
print(u.bump(), u.bump(), u.COUNTER)
u.NEW = "added"
import _mylib.util
print(_mylib.util.NEW)
try:
    u.nope
except AttributeError as e:
    print(e)
del u.NEW
print(hasattr(u, "NEW"))
