import sys
def f(a):
    b = a + 1
    fr = sys._getframe()
    print(fr is sys._getframe(), fr.f_code.co_name, fr.f_lineno, sorted(fr.f_locals), fr.f_back.f_code.co_name)
    print(sys._getframe(1).f_globals is globals(), sys._getframe(1).f_locals is globals())
    return fr
fr = f(1)
print(fr.f_lineno, sorted(fr.f_locals), fr.f_back.f_code.co_name, fr.f_back.f_lineno)
class C:
    x = 1
    print(sorted(sys._getframe().f_locals))
try:
    sys._getframe(50)
except ValueError as e:
    print(e)
from collections import namedtuple
P = namedtuple("P", "x y")
print(P.__module__)
