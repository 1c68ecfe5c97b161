x = 5
x
for i in range(2): print(i)

if x:

1/0
import sys; sys.ps1
_
None
_
x = (1,
 2)
x
"a" \
 "b"
x = 1 +
class A:
  def f(self):
    pass

  x = 1
A
