import builtins
print(builtins.len is len, builtins.__name__, type(builtins).__name__)
names = [n for n in dir(builtins) if not n.startswith("_")]
print(len(names) > 100, "print" in names, "ZeroDivisionError" in names)
builtins.custom_global = "injected"
print(custom_global)
