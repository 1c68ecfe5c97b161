import types, sys
mod = types.ModuleType("virtual", "doc of virtual")
mod.x = 42
exec("def f():\n    return x * 2", mod.__dict__)
print(mod.f(), mod.__name__, mod.__doc__, repr(mod))
sys.modules["virtual"] = mod
import virtual
print(virtual is mod)
