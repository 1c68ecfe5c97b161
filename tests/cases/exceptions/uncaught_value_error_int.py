# int('x') raises ValueError quoting the literal and the base.
#
#
print("before")
n = int("x")
