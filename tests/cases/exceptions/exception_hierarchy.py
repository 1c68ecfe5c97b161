# The builtin exception hierarchy, as seen through each class's __mro__.
# Only names are printed, so the whole chain must match CPython's.
print("class, then its bases in MRO order")
for cls in (ZeroDivisionError, KeyError, IndexError, FileNotFoundError, UnicodeDecodeError, RecursionError, ModuleNotFoundError, StopIteration, GeneratorExit, KeyboardInterrupt, TimeoutError, NotImplementedError, BrokenPipeError):
    print(cls.__name__, [c.__name__ for c in cls.__mro__[1:]])
