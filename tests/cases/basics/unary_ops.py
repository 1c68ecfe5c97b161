# Unary minus/plus/invert/not on ints, bools, floats (signed zero) and bigints.
print(-5, +5, -(-5), -0.0, +(-0.0))
print(-True, +True, ~True)
print(not 0, not [], not "x")
print(-(2 ** 100))
