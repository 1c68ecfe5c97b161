import enum
class Color(enum.Enum):
    RED = 1
    GREEN = 2
def m(x):
    match x:
        case Color.RED:
            return "red"
        case (1 | 2) as n:
            return f"one or two: {n}"
        case [Color.GREEN, *_] as whole:
            return f"green list {len(whole)}"
        case _:
            return "?"
print(m(Color.RED), m(2), m([Color.GREEN, 1, 2]), m(Color.GREEN))
