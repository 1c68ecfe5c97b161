x = = 1
print("after error")
def f(:
f = 1
(1 +
 2) * 3
if True:
print("bad indent")
"unterminated
1 / 0
import sys; sys.exit("bye")
