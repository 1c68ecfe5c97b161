# `raise ... from None` suppresses the context: only the last traceback prints.
try:
    1 / 0
except ZeroDivisionError:
    raise RuntimeError("clean") from None
