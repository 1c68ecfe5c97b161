def describe(cmd):
    match cmd:
        case 0:
            return 'zero'
        case None:
            return 'none'
        case [x, y]:
            return x + y
        case [first, *rest]:
            return rest
        case [_, *_, last]:
            return last
        case {'k': v, **others}:
            return v
        case {'a': 1}:
            return 'a'
        case Point(x=0, y=yy) | Point(x=yy, y=0):
            return yy
        case Color.RED:
            return 'red'
        case str() as s if s:
            return s
        case (1 | 2) as n:
            return n
        case _:
            return 'other'

match value:
    case [a, b, *c]:
        pass
    case other:
        pass
