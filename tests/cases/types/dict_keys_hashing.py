d = {1: "int", 1.0: "float", True: "bool"}
print(d)
d2 = {(1, 2): "t", frozenset([1]): "fs", "s": "str", None: "none"}
print(d2[(1, 2)], d2[frozenset({1})], d2[None])
try:
    {[1]: 2}
except TypeError as e:
    print(e)
try:
    {}["missing"]
except KeyError as e:
    print(repr(e), e.args)
print({0: "a", -0.0: "b"}, {float("nan"): 1}.get(float("nan")))
