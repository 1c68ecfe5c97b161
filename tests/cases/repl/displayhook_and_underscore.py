1 + 1
_ * 10
None
_
import sys
print(sys.ps1, sys.ps2, hasattr(sys, "ps1"), sys.flags.interactive, sys.flags.inspect)
sys.ps1 = "py> "
"changed prompt"
def hook(v):
    print("hook got", repr(v))

sys.displayhook = hook
[1, 2, 3]
sys.displayhook = sys.__displayhook__
(lambda: 7)()
sys.last_type if hasattr(sys, "last_type") else "no error yet"
{}["missing"]
sys.last_type.__name__, sys.last_value
for i in range(3):
    if i % 2:
        print("odd", i)
    else:
        print("even", i)

x = [
  1,
  2]
x
s = """multi
line"""
s
@staticmethod
def decorated(): pass

type(decorated)
class C:
    def __repr__(self):
        return "<C>"

C()
try:
    1/0
except ZeroDivisionError as e:
    print("caught", e)

while False:
    pass
else:
    print("while-else")

raise SystemExit(3)
print("not reached")
