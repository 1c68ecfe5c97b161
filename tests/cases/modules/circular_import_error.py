try:
    import _circbad.x
except ImportError as e:
    print(type(e).__name__, e.name)
    print(str(e).split(" (")[0])
