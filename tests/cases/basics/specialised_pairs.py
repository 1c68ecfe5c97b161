# The eval loop runs some instruction pairs as one step (LOAD_FAST+LOAD_FAST, STORE_FAST+
# LOAD_FAST, COMPARE_OP+POP_JUMP, ...) and BINARY_OP by operator: errors, tracebacks, line
# numbers seen from destructors and refcounts must be those of the separate instructions.
import sys


def unbound_second():
    a = 1
    if a > 5:
        b = 2
    return a + b


def unbound_first():
    if False:
        a = 1
    b = 2
    return a + b


def const_then_unbound():
    if False:
        c = 0
    return 1 + c


def store_then_unbound():
    x = 1
    if x > 5:
        y = 2
    z = x
    return z + y


def where(e):
    tb = e.__traceback__
    while tb.tb_next is not None:
        tb = tb.tb_next
    print(type(e).__name__, e, tb.tb_frame.f_code.co_name, tb.tb_lineno, tb.tb_lasti)


for f in (unbound_second, unbound_first, const_then_unbound, store_then_unbound):
    try:
        f()
    except UnboundLocalError as e:
        where(e)


class BadBool:
    def __bool__(self):
        raise ValueError("no truth")


class Cmp:
    def __init__(self, n):
        self.n = n

    def __lt__(self, other):
        return BadBool()

    def __gt__(self, other):
        return self.n > other.n


def compare_jump_error():
    a, b = Cmp(1), Cmp(2)
    if a < b:
        return "taken"
    return "not taken"


try:
    compare_jump_error()
except ValueError as e:
    where(e)
    print(e.__traceback__.tb_next.tb_lineno, e.__traceback__.tb_next.tb_lasti)


def compare_jump_objects(xs):
    out = []
    for i in range(len(xs) - 1):
        if xs[i] > xs[i + 1]:
            out.append("gt")
        elif xs[i] < xs[i + 1]:
            out.append("lt")
        else:
            out.append("eq")
    return out


print(compare_jump_objects([1, 3, 3, 2.5, float("nan"), 1, 2**70, 2**70 + 1, "a", "b"][:4]))
print(compare_jump_objects([1.5, float("nan"), 2, 2**70, 2**71, -(2**70), True, False]))
print([Cmp(1) > Cmp(0), Cmp(0) > Cmp(1)])


class Loud:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        fr = sys._getframe(1)
        print("del", self.name, "from line", fr.f_lineno - first_line)


def store_pair():
    a, b = Loud("a1"), Loud("b1")
    a, b = 1, 2
    return a + b


first_line = store_pair.__code__.co_firstlineno
print(store_pair())

# Refcounts across the fused arms.
big = 10**6
before = sys.getrefcount(big)


def use(v):
    w = v
    x = w
    return x is v and w is v


print(use(big), sys.getrefcount(big) - before)

# Arithmetic by operator, in place and not, on every fast-path type pair and beyond.
vals = [3, -7, 2.5, -0.0, 2**62, 2**64, True, None]
for x in vals:
    row = []
    for y in vals:
        for op in ("+", "-", "*"):
            try:
                row.append(repr(eval("x %s y" % op)))
            except TypeError as e:
                row.append("TypeError")
            z = x
            try:
                z2 = z
                if op == "+":
                    z2 += y
                elif op == "-":
                    z2 -= y
                else:
                    z2 *= y
                row.append(repr(z2))
            except TypeError:
                row.append("TypeError")
    print(" ".join(row))

# range() of small ints keeps its argument objects, as CPython.
n = 10**6
k = 10**3 + 1
before = (sys.getrefcount(k), sys.getrefcount(n))
r = range(k, n)
print(sys.getrefcount(k) - before[0], sys.getrefcount(n) - before[1], len(r), r[1])
del r
print(sys.getrefcount(k) - before[0], sys.getrefcount(n) - before[1])
print(list(range(5)), list(range(2, 9, 3)), list(range(9, 2, -2)), list(range(3, 3)))
print(len(range(-(2**62), 2**62 - 1)), len(range(0, 2**63 - 1, 2**62)), range(1, 10, 3)[-1])
print(range(2**70, 2**70 + 3)[1], len(range(5, -5, -3)))
for bad in ((1, 2, 0), (1.0,), ("a", 2)):
    try:
        range(*bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(list(range(True, 4)), range(True, 3)[0] is True)

# `c[k] op= v` ends with SWAP 3, SWAP 2, STORE_SUBSCR, run as one step.
def aug_subscr(c, k):
    c[k] += 1
    return c


print(aug_subscr([1, 2], 0), aug_subscr({"a": 1}, "a"), aug_subscr([1, 2], -1))
for c, k in (((1, 2), 0), ([1], 5), ({}, "x"), ([1], "i")):
    try:
        aug_subscr(c, k)
    except (TypeError, IndexError, KeyError) as e:
        where(e)


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


class Box:
    def __init__(self):
        self.items = {}

    def __getitem__(self, k):
        print("get", k.name)
        return self.items.get(k, 0)

    def __setitem__(self, k, v):
        print("set", k.name, v)
        self.items[k] = v

    def __del__(self):
        print("del box")


def temp_container():
    Box()[Noisy("key")] += 5


temp_container()


# `is` / `is not` then a jump, run as one step.
def is_chain(xs):
    out = []
    for x in xs:
        if x is None:
            out.append("none")
        elif x is not True:
            out.append("other")
        else:
            out.append("true")
    return out


print(is_chain([None, True, False, 0, 1, None]))

# The caret of the second instruction of a pair.
unbound_second()
