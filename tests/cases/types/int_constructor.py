print(int(), int("42"), int(" -7 "), int("1_000"), int("0x1f", 16), int("z", 36))
print(int("0b101", 0), int("0o17", 0), int("0x10", 0), int("ff", 16))
print(int(3.99), int(-3.99), int(True), int("  +5\n"))
for bad in ("x", "1.5", "", "0x10", "1__0"):
    try:
        int(bad)
    except ValueError as e:
        print(e)
try:
    int("9", 8)
except ValueError as e:
    print(e)
try:
    int(float("inf"))
except OverflowError as e:
    print(e)
try:
    int(float("nan"))
except ValueError as e:
    print(e)
