class D:
    def __init__(self, name):
        self.name = name
        print("create", name)
    def __del__(self):
        print("del", self.name)
a = D("a")
b = a
print("del a")
del a
print("del b")
del b
print("rebinding")
x = D("old")
x = D("new")
print("end of script")
