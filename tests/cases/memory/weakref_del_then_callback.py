import weakref
calls = []
class F:
    def __del__(self):
        calls.append("del")
f = F()
r = weakref.ref(f, lambda w: calls.append("cb"))
del f
print(calls)
