class D:
    def __init__(self, n): self.n = n
    def __del__(self): print("del", self.n)
def fail():
    local = D("local")
    raise ValueError("boom")
try:
    fail()
except ValueError:
    print("in handler")
print("after handler")
