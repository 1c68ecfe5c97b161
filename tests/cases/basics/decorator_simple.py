def trace(f):
    def wrapper(*a, **k):
        print("call", f.__name__, a, k)
        r = f(*a, **k)
        print("ret", r)
        return r
    return wrapper
@trace
def add(a, b=0):
    return a + b
add(1, b=2)
print(add.__name__)
