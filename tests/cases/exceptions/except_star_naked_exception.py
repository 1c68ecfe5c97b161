try:
    raise ValueError("plain")
except* ValueError as g:
    print(type(g).__name__, g.exceptions)
