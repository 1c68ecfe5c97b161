# The pending str of sys.stdout is the written object itself: its refcount is one higher until
# the stream flushes (chunk full, flush(), flush=True). Text written to the line-buffered
# stderr stays pending until a newline.
import sys

r = sys.getrefcount
w = sys.stdout.write
results = []


def delta(s, before):
    results.append(r(s) - before)


s1 = "x" * 8191
s2 = "y" * 8192
s3 = "z" * 8193
s4 = "é" * 5
t = "t" * 10
sys.stdout.flush()
w("a")
w("b")
b = r(s1)
w(s1)  # 2 + 8191 > 8192: the pending list is flushed first, s1 stays pending alone
delta(s1, b)
sys.stdout.flush()
delta(s1, b)
w(s1)
delta(s1, b)
w("a")  # 8192 bytes: flushed
delta(s1, b)
b = r(s2)
w(s2)
delta(s2, b)
b = r(s3)
w(s3)
delta(s3, b)
b = r(s4)
w(s4)
delta(s4, b)
sys.stdout.flush()
b = r(t)
w(t)
delta(t, b)
w("\n")
delta(t, b)
sys.stdout.flush()
delta(t, b)
print(t)
delta(t, b)
sys.stdout.flush()
print(t, flush=True)
delta(t, b)
print(t, t, sep=t)
delta(t, b)
sys.stdout.flush()
print(t, file=sys.stderr)
delta(t, b)
sys.stderr.write(t)
delta(t, b)
sys.stderr.write("\n")
delta(t, b)
print()
print(results)
print(sys.stdout.line_buffering, sys.stdout.write_through)
print(sys.stderr.line_buffering, sys.stderr.write_through)
