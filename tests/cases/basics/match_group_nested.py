def m(x):
    match x:
        case ((1 | 2) as a, [b, *_]) if b > 0:
            return f"pair {a} list-head {b}"
        case {"k": [int(n), str(s)]}:
            return f"map {n} {s}"
        case (x1, (y1, z1)):
            return f"nested {x1} {y1} {z1}"
        case [*_, last]:
            return f"last {last}"
        case _:
            return "none"
print(m((2, [5, 6])), m((1, [-1])), m({"k": [3, "s"]}), m((0, (1, 2))), m([1, 2, 3]), m(7))
