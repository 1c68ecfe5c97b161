def f(a, b=1, *args, c, d=2, **kw):
    return a + b

def g():
    pass

def h(x):
    """Docstring."""
    y = x * 2
    return y

def outer():
    n = 0
    def inner():
        nonlocal n
        n += 1
        return n
    return inner

lam = lambda x, y=3: x + y

@decorator
def decorated():
    return 1

def ann(a: int, b: str = 'x') -> bool:
    return True
