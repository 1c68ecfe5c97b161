# A directory without __init__.py imports as a namespace package
# (__file__ is None, __path__ a _NamespacePath).
import _nsparent.ns_pkg.mod as m
print(m.WHO)
import _nsparent
print(_nsparent.__file__, type(_nsparent.__path__).__name__)
