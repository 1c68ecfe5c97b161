class Plugin:
    registry = {}
    def __init_subclass__(cls, /, key=None, **kw):
        super().__init_subclass__(**kw)
        print("init_subclass", cls.__name__, key)
        Plugin.registry[key or cls.__name__] = cls
class A(Plugin, key="a"): pass
class B(Plugin): pass
class C(A, key="c"): pass
print(sorted(Plugin.registry))
try:
    class D(Plugin, bogus=1): pass
except TypeError as e:
    print(e)
