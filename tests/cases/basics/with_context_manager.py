class CM:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None, ev)
        return False
with CM("a") as v:
    print("body", v)
with CM("x") as x, CM("y") as y:
    print("both", x, y)
try:
    with CM("err"):
        raise ValueError("oops")
except ValueError as e:
    print("propagated", e)
