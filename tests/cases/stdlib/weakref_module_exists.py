# The weakref module's public names exist with CPython's type names.
# (ref is an alias of ReferenceType.)
#
import weakref
print(weakref.ref.__name__, weakref.WeakValueDictionary.__name__, weakref.finalize.__name__)
