class Plain: pass
print(repr(Plain).replace(__name__, "M"), Plain.__name__, Plain.__qualname__)
class Outer:
    class Inner: pass
print(Outer.Inner.__qualname__, Outer.Inner)
o = Plain()
print(type(o).__name__, o.__class__ is Plain, o.__module__)
