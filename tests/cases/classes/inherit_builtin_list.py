class MyList(list):
    def append(self, x):
        super().append(x * 10)
m = MyList([1, 2])
m.append(3)
print(m, len(m), type(m).__name__, type(m + [1]).__name__, isinstance(m, list))
class MyStr(str):
    def shout(self): return self.upper() + "!"
s = MyStr("hi")
print(s.shout(), s + "x", type(s + "x").__name__, repr(s))
class MyInt(int):
    def __repr__(self): return f"MyInt({int(self)})"
print(MyInt(5), MyInt(5) + 1, type(MyInt(5) + 1).__name__)
