class D:
    def __del__(self): print("del D")
def make():
    d = D()
    print("in make")
    return 5
print(make())
def keep():
    return D()
k = keep()
print("kept")
k = None
print("after reset")
