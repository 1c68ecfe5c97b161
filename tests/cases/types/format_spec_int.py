n = 1234567
print(format(n, ""), format(n, "d"), format(n, ","), format(n, "_"), format(n, "_x"))
print(format(42, "b"), format(42, "#b"), format(42, "o"), format(42, "#o"), format(42, "x"), format(42, "#X"))
print(format(42, "10"), format(42, "<10") + "|", format(42, "^10") + "|", format(42, "*>10"))
print(format(-42, "=10"), format(42, "+"), format(42, " "), format(-42, "010"))
print(format(65, "c"), format(42, "e"), format(42, "%"), format(42, ".2f"), format(10**20, ",.0f"))
print(format(True, "d"), format(True, ""), format(255, "08b"))
try:
    format(42, "s")
except ValueError as e:
    print(e)
try:
    format(1.5, "d")
except ValueError as e:
    print(e)
