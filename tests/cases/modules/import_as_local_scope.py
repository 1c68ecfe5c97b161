def f():
    import _mylib.util as inner
    return inner.helper("local")
print(f())
print("inner" in globals())
