import weakref
class K:
    pass
k1, k2 = K(), K()
wkd = weakref.WeakKeyDictionary()
wkd[k1] = "one"
wkd[k2] = "two"
print(len(wkd))
del k1
print(len(wkd), list(wkd.values()))
ws = weakref.WeakSet()
x = K()
ws.add(x)
print(len(ws), x in ws)
del x
print(len(ws))
