class Neg:
    def __len__(self): return -1
class Big:
    def __len__(self): return 2 ** 70
class Flt:
    def __len__(self): return 1.5
for c in (Neg, Big, Flt):
    try:
        len(c())
    except (ValueError, OverflowError, TypeError) as e:
        print(type(e).__name__, e)
