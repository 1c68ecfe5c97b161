import _mylib.util as u
print(__name__, u.__name__, u.__package__, u.__spec__.name, u.__spec__.parent)
import sys
print(sys.modules["__main__"].__name__, sys.modules[__name__] is sys.modules["__main__"])
print(__spec__)
