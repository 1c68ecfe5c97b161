# Size of the singletons and of a bare object(): headers only, no GC.
#
import sys
for name, v in (("None", None), ("Ellipsis", ...), ("NotImplemented", NotImplemented), ("True", True), ("False", False), ("object()", object())):
    print(name, sys.getsizeof(v))
