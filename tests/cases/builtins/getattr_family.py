class O:
    a = 1
o = O()
print(getattr(o, "a"), getattr(o, "b", None), hasattr(o, "a"), hasattr(o, "b"))
setattr(o, "b", 2)
print(o.b, vars(o))
delattr(o, "b")
print(hasattr(o, "b"))
try:
    getattr(o, "zz")
except AttributeError as e:
    print(e)
try:
    getattr(o, 5)
except TypeError as e:
    print(e)
try:
    delattr(o, "zz")
except AttributeError as e:
    print(e)
setattr(o, "with space", 1)
print(getattr(o, "with space"))
