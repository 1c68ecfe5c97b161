import _circ.a as a
print(a.use_b(), a.b.use_a())
import _circ.b
print(_circ.b.a is a)
