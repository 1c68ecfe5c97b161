print("a", "b", "c", sep="-")
print("no newline", end="")
print(" continued", end="!\n")
print()
print("x", 1, None, sep="")
print(*range(5), sep=", ", end=".\n")
print("a", "b", sep=None, end=None)
try:
    print("x", sep=5)
except TypeError as e:
    print(e)
