x = 1
def f():
    return x
global y
y = 3
print(f(), y)
def g():
    global x
    x = "changed"
g()
print(x)
