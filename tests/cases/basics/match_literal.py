def m(x):
    match x:
        case 0:
            return "zero"
        case 1 | 2 | 3:
            return "small"
        case "hi":
            return "greeting"
        case None:
            return "none"
        case True:
            return "true"
        case -1.5:
            return "neg float"
        case _:
            return "other"
for v in (0, 2, "hi", None, True, -1.5, 1.0, 99):
    print(repr(v), m(v))
