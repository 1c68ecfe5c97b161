# except* wraps a plain (non-group) exception in an ExceptionGroup
# with an empty message before matching.
try:
    raise ValueError("plain")
except* ValueError as g:
    print(type(g).__name__, g.exceptions)
