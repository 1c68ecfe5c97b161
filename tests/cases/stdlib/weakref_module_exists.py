import weakref
print(weakref.ref.__name__, weakref.WeakValueDictionary.__name__, weakref.finalize.__name__)
