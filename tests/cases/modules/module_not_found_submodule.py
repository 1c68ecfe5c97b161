try:
    import _mylib.missing_sub
except ModuleNotFoundError as e:
    print(e)
try:
    from _mylib import missing_name
except ImportError as e:
    print(type(e).__name__, str(e).split(" (")[0])
