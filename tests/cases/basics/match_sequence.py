def m(seq):
    match seq:
        case []:
            return "empty"
        case [x]:
            return f"one {x}"
        case [x, y]:
            return f"two {x} {y}"
        case [x, *rest] if len(rest) > 3:
            return f"many from {x}: {rest}"
        case (x, *mid, y):
            return f"ends {x} {y} mid {mid}"
for s in ([], [1], (1, 2), [1, 2, 3], list(range(6)), "ab", range(3)):
    print(repr(s), m(s))
