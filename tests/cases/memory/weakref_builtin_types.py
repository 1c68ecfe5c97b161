import weakref, gc
def f(): pass
def g(): yield 1
async def co(): pass
async def ag(): yield 1
class C:
    def m(self): pass
c = co()
cands = {'function': f, 'set': set(), 'frozenset': frozenset(), 'generator': g(), 'coroutine': c,
         'async_generator': ag(), 'method': C().m, 'builtin_function': len, 'builtin_method': [].append,
         'type': int, 'class': C, 'code': f.__code__, 'module': weakref, 'list': [], 'dict': {}, 'tuple': (),
         'int': 1, 'str': 's', 'object': object(), 'property': property(), 'classmethod': classmethod(f),
         'staticmethod': staticmethod(f), 'exception': Exception(), 'range': range(3), 'slice': slice(1),
         'bytes': b'', 'float': 1.0, 'None': None, 'weakref': weakref.ref(f), 'bytearray': bytearray(),
         'complex': 1j, 'bool': True}
for k, v in cands.items():
    try:
        weakref.ref(v)
        print(k, "ok")
    except TypeError as e:
        print(k, "TypeError:", e)
c.close()
# The referents' deaths clear the references and call back, list items last to first.
def mk():
    def inner(): pass
    return inner
objs = [mk(), {1}, frozenset([2]), g(), C().m, [].append]
refs = [weakref.ref(o, lambda w, i=i: print("callback", i)) for i, o in enumerate(objs)]
print([r() is not None for r in refs])
del objs[:]
print([r() for r in refs])
class K: pass
wk = weakref.ref(K, lambda w: print("class K died"))
del K
gc.collect()
print(wk())
s = weakref.WeakSet()
def h(): pass
s.add(h)
print(len(s))
del h
print(len(s))
