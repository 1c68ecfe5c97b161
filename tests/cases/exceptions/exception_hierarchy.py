for cls in (ZeroDivisionError, KeyError, IndexError, FileNotFoundError, UnicodeDecodeError, RecursionError, ModuleNotFoundError, StopIteration, GeneratorExit, KeyboardInterrupt, TimeoutError, NotImplementedError, BrokenPipeError):
    print(cls.__name__, [c.__name__ for c in cls.__mro__[1:]])
