# Tracebacks through a list comprehension (its own <listcomp> frame in
# 3.11) and a lambda, with carets on each line.
#
f = lambda x: 10 // x
print([f(x) for x in [5, 2, 0]])
