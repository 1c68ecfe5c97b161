from _mylib.sub import deep
print(deep.run())
print(deep.run())
print(deep.__name__, deep.__package__, deep.sibling.NAME)
