class Const:
    LIMIT = 10
    NAME = "n"
def m(v):
    match v:
        case Const.LIMIT:
            return "limit"
        case Const.NAME:
            return "name"
        case [_, _]:
            return "two things"
        case {**rest} if not rest:
            return "empty mapping"
    return "fell through"
print(m(10), m("n"), m([1, 2]), m({}), m({"a": 1}), m(None))
