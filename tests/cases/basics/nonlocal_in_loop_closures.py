def make():
    fns = []
    for i in range(3):
        def f(i=i):
            return i
        fns.append(f)
    total = 0
    def add(n):
        nonlocal total
        total += n
        return total
    return fns, add
fns, add = make()
print([f() for f in fns], add(2), add(3))
def counter():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    def get():
        return n
    return inc, get
inc, get = counter()
inc(); inc()
print(get())
