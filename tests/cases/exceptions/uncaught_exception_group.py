# An uncaught nested ExceptionGroup is printed as a tree with numbered
# sub-exceptions.
def fail():
    raise ExceptionGroup("multiple failures", [ValueError("v1"), TypeError("t1"), ExceptionGroup("inner", [KeyError("k")])])
fail()
