print("_side imported (runs once)")
LOADED = []
