try:
    try:
        raise KeyError("a")
    except KeyError as e1:
        raise ValueError("b")
except ValueError as e2:
    print(repr(e2.__context__), e2.__cause__, e2.__suppress_context__)
try:
    try:
        raise KeyError("a")
    except KeyError as e1:
        raise ValueError("b") from e1
except ValueError as e2:
    print(repr(e2.__cause__), e2.__suppress_context__)
try:
    raise ValueError("c") from None
except ValueError as e3:
    print(e3.__cause__, e3.__suppress_context__)
