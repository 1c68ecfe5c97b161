import _mylib
print(_mylib.VERSION, _mylib.public(3), _mylib.__name__, _mylib.__package__)
print(type(_mylib).__name__, _mylib.__doc__)
import _mylib.util
print(_mylib.util.helper(1), _mylib.util is __import__("_mylib.util", fromlist=["x"]))
