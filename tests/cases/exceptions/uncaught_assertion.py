# An uncaught AssertionError shows the assert's condition underlined.
def check(x):
    assert x > 0, f"x must be positive, got {x}"
check(1)
check(-2)
