print(format(3.14159, ".3f"), format(255, "x"), format("s", ">3"), format(1234, ","), format(0.25, "%"))
print(format(None), format([1]), format(True), repr(format(1, "")))
try:
    format(object(), "x")
except TypeError as e:
    print(e)
try:
    format(1, "zz")
except ValueError as e:
    print(e)
