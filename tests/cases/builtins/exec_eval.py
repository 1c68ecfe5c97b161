print(eval("1 + 2 * 3"), eval("x * 2", {"x": 21}), eval("[a for a in range(3)]"))
ns = {}
exec("y = 5\ndef f():\n    return y * 2", ns)
print(ns["y"], ns["f"](), sorted(k for k in ns if k != "__builtins__"))
print(exec("1 + 1"))
loc = {}
exec("z = 1", {}, loc)
print(loc)
try:
    eval("import os")
except SyntaxError as e:
    print(type(e).__name__, e.msg)
print(eval("__name__"), eval("q", {}, {"q": "local"}))
