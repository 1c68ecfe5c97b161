import math
vals = [0.1, 0.2, 0.3, 1/3, 2/3, 1e-7, 123456789012345678.0, 5e-324, math.pi, math.e, 1.1, 2.675, 9007199254740993.0]
for v in vals:
    r = repr(v)
    print(r, float(r) == v, f"{v:.17g}")
