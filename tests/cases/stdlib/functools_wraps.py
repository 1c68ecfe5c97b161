from functools import wraps
def deco(f):
    @wraps(f)
    def wrapper(*a, **k):
        "wrapper doc"
        return f(*a, **k)
    return wrapper
@deco
def target(x):
    "target doc"
    return x
print(target.__name__, target.__doc__, target.__wrapped__.__name__, target.__qualname__, target(5))
