print("%s %r %d %i" % ("s", "r", 42, -7))
print("%5d|%-5d|%05d|%+d" % (42, 42, 42, 42))
print("%x %X %o %#x %#o" % (255, 255, 8, 255, 8))
print("%f %.2f %10.3f %-10.1f| %e %g %G" % (3.14159, 3.14159, 3.14159, 3.14159, 12345.678, 0.00001234, 1e20))
print("%c%c %%" % (65, "b"))
print("%(name)s is %(age)d" % {"name": "Al", "age": 30})
print("%s" % (1,), "%s" % [1, 2], "%*d" % (5, 3), "%.*f" % (1, 2.25))
for bad in (lambda: "%d" % "x", lambda: "%s %s" % (1,), lambda: "%s" % (1, 2), lambda: "%z" % 1):
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
