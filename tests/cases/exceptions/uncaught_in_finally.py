# finally runs before the exception propagates; the traceback follows.
try:
    raise ValueError("first")
finally:
    print("finally runs")
