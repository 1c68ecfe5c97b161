def tag(name):
    def deco(f):
        def w(*a):
            return f"<{name}>{f(*a)}</{name}>"
        return w
    return deco
@tag("b")
@tag("i")
def hello(who):
    return "hi " + who
print(hello("bob"))
order = []
def d(n):
    order.append(("make", n))
    def deco(f):
        order.append(("apply", n))
        return f
    return deco
@d(1)
@d(2)
def g(): pass
print(order)
