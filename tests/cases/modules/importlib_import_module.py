import importlib
m = importlib.import_module("_mylib.util")
print(m.helper(9))
m2 = importlib.import_module(".sub.sibling", "_mylib")
print(m2.NAME)
try:
    importlib.import_module("_mylib.nope")
except ModuleNotFoundError as e:
    print(e, e.name)
