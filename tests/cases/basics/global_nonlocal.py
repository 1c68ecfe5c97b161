g = 0
def setg():
    global g
    g += 1
setg(); setg()
print(g)
def outer():
    a = 1
    def mid():
        def inner():
            nonlocal a
            a += 10
        inner()
        return a
    return mid()
print(outer())
def newglobal():
    global created
    created = "yes"
newglobal()
print(created)
