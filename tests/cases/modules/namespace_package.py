import _nsparent.ns_pkg.mod as m
print(m.WHO)
import _nsparent
print(_nsparent.__file__, type(_nsparent.__path__).__name__)
