import sys, types
m = types.ModuleType("lazy")
def __getattr__(name):
    if name == "computed":
        return "computed lazily"
    raise AttributeError(f"module 'lazy' has no attribute {name!r}")
m.__getattr__ = __getattr__
print(m.computed)
try:
    m.other
except AttributeError as e:
    print(e)
