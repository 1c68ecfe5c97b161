def m(x):
    match x:
        case n if n < 0:
            return f"neg {n}"
        case n if n % 2 == 0:
            return f"even {n}"
        case n:
            return f"odd {n}"
print(m(-3), m(4), m(7))
match 5:
    case y:
        pass
print(y)
