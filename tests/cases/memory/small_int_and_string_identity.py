a = 256
b = 255 + 1
print(a is b)
x = "hello"
y = "hel" + "lo"
print(x is y, x == y)
import sys
s1 = sys.intern("dynamic" + str(1))
s2 = sys.intern("dynamic1")
print(s1 is s2)
t1 = ()
t2 = tuple([])
print(t1 is t2, (1, 2) == (1, 2), frozenset() == frozenset())
