# At exit the globals of __main__ and of the modules it imported are finalized in one
# collection, in allocation order, with every namespace still intact.
import _exitpkg
class D:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("main del", self.n, "sees", _exitpkg.r.n)
x = D("x")
y = [D("in list")]
import weakref
w = weakref.ref(x, lambda r: print("never: the weakref dies with x"))
print("end of script")
