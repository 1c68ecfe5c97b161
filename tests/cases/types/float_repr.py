for x in (0.1, 1/3, 1e16, 1e15, 123456789.0, 1e-5, 1e-4, 0.0001234, 2.5e-308, 5e-324, 1.7976931348623157e308, -0.0, 100.0, 1e22, 1e23):
    print(repr(x), str(x))
print(float("inf"), float("-inf"), float("nan"), float("-nan"))
print(float(" 1.5 "), float("1e3"), float("-Infinity"), float("1_0.5"))
try:
    float("abc")
except ValueError as e:
    print(e)
