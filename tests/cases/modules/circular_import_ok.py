# Two modules importing each other at the top work when neither uses the
# other's names during import; the print order shows the partial module.
import _circ.a as a
print(a.use_b(), a.b.use_a())
import _circ.b
print(_circ.b.a is a)
