# dir() of builtin instances lists the type's methods, sorted.
print([n for n in dir([]) if not n.startswith("_")])
print([n for n in dir({}) if not n.startswith("_")])
print([n for n in dir("") if not n.startswith("_")])
print(len(dir(object)), dir(object)[:5])
