def m(d):
    match d:
        case {"type": "point", "x": x, "y": y}:
            return f"point {x},{y}"
        case {"type": "circle", **rest}:
            return f"circle {rest}"
        case {}:
            return "some mapping"
        case _:
            return "not mapping"
print(m({"type": "point", "x": 1, "y": 2, "extra": 0}))
print(m({"type": "circle", "r": 5, "c": 0}))
print(m({"a": 1}))
print(m([1]))
