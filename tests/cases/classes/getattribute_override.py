class Log:
    def __init__(self):
        self.a = 1
    def __getattribute__(self, name):
        if not name.startswith("__"):
            print("get", name)
        return object.__getattribute__(self, name)
    def __getattr__(self, name):
        return "missing:" + name
l = Log()
print(l.a)
print(l.zz)
