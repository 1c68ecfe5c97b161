def counter():
    count = 0
    def inc(step=1):
        nonlocal count
        count += step
        return count
    def get():
        return count
    return inc, get

def param_cell(x):
    return lambda: x

class K:
    def m(self):
        return __class__

    def n(self):
        def inner():
            return super()
        return inner

def shadow():
    x = 1
    class Inner:
        x = 2
        def f(self):
            return x
    return Inner
