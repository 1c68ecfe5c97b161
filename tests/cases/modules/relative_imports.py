# from .. import / from . import inside a nested package, and module
# state shared between repeated calls.
from _mylib.sub import deep
print(deep.run())
print(deep.run())
print(deep.__name__, deep.__package__, deep.sibling.NAME)
