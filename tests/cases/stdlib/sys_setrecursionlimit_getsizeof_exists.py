import sys
print(callable(sys.getsizeof), callable(sys.getrefcount), callable(sys.intern), sys.intern("abc") == "abc")
print(sys.exc_info(), sys.is_finalizing())
try:
    raise KeyError("k")
except KeyError:
    print(sys.exc_info()[0].__name__, repr(sys.exc_info()[1]), repr(sys.exception()) if hasattr(sys, "exception") else "3.11")
