def f(a: int, b: str = "x") -> bool:
    """Doc string."""
    return True
print(f.__name__, f.__doc__, f.__defaults__, f.__kwdefaults__)
print(f.__annotations__)
print(f.__code__.co_argcount, f.__code__.co_varnames)
f.custom = 5
print(f.__dict__)
def g(*, k=1): pass
print(g.__kwdefaults__)
