# repr() and ascii() of builtin values: ascii escapes non-ASCII with \x, \u, \U.
print(repr(1), repr("x"), repr([1, "a"]), repr((1,)), repr({1: "a"}), repr({1}), repr(b"\x00"))
print(ascii("héllo"), ascii("日本"), ascii(["é"]), ascii("\U0001f600"), ascii(1), ascii("plain"))
print(repr(1.0), repr(-0.0), repr(1e100), repr(float("nan")), repr(2j), repr(range(3)))
print(repr(print), repr(len), repr(int), repr(None), repr(...), repr(NotImplemented))
