x = 1
g = globals()
print(g["x"], "g" in g, g is globals())
g["newname"] = "via globals"
print(newname)
def f(a, b=2):
    c = 3
    return sorted(locals().items())
print(f(1))
print(locals() is globals())
def outer():
    v = 1
    def inner():
        return locals()
    return inner()
print(outer())
