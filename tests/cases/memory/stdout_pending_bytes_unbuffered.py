# case-env: PYTHONUNBUFFERED=1
# Unbuffered (-u, PYTHONUNBUFFERED) streams write through: nothing stays pending, no list.
import gc
import sys

gc.disable()
r = sys.getrefcount
t = "t" * 10
results = []
b = r(t)
sys.stdout.write(t)
results.append(r(t) - b)
sys.stderr.write(t)
results.append(r(t) - b)
sys.stderr.write("\n")
gc.collect()
c = gc.get_count()[0]
c = gc.get_count()[0]
sys.stdout.write("a")
sys.stdout.write("b")
results.append(gc.get_count()[0] - c)
print()
print(results)
print(sys.stdout.line_buffering, sys.stdout.write_through)
print(sys.stderr.line_buffering, sys.stderr.write_through)
