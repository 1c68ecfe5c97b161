class D:
    def __init__(self, n): self.n = n
    def __del__(self): print("exit del", self.n)
a = D(1)
b = D(2)
c = [D(3)]
print("script end")
