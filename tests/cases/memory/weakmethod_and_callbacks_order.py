import weakref
class C:
    def m(self):
        return "m"
c = C()
wm = weakref.WeakMethod(c.m)
print(wm()(), type(wm).__name__)
log = []
r1 = weakref.ref(c, lambda r: log.append("r1"))
r2 = weakref.ref(c, lambda r: log.append("r2"))
del c
print(wm(), log)
