# Attribute caches must follow class mutation: reassigned class attributes, monkey-patched
# methods, descriptors added after a cache was warm, base classes changed under subclasses.


class Counter:
    step = 1

    def bump(self, n):
        return n + self.step


c = Counter()
out = []
for i in range(8):
    out.append(c.bump(i))
    if i == 3:
        Counter.step = 10          # class attribute reassigned inside the hot loop
print(out)


def bump_twice(self, n):
    return n + 2 * self.step


out = []
for i in range(6):
    out.append(c.bump(i))
    if i == 2:
        Counter.bump = bump_twice  # monkey-patched method
print(out)

# An instance attribute shadows a method, then goes away again.
out = []
for i in range(6):
    if i == 2:
        c.bump = lambda n: -n
    if i == 4:
        del c.bump
    out.append(c.bump(i))
print(out)


# A data descriptor added to the class after instance-attribute loads were cached wins.
class P:
    def __init__(self):
        self.x = "instance"


p = P()
out = []
for i in range(5):
    out.append(p.x)
    if i == 2:
        P.x = property(lambda self: "property")
print(out)
del P.x
print(p.x)


# A subclass sees changes of its base.
class Base:
    def who(self):
        return "base"


class Child(Base):
    pass


k = Child()
out = []
for i in range(5):
    out.append(k.who())
    if i == 1:
        Base.who = lambda self: "patched base"
    if i == 3:
        Child.who = lambda self: "child"
print(out)

# Deleting the class attribute makes the load fail.
for i in range(4):
    try:
        print(k.who())
    except AttributeError as e:
        print("AttributeError:", e)
    if i == 1:
        del Child.who
        del Base.who


# __getattr__ and __getattribute__ added after the cache was warm.
class G:
    def __init__(self):
        self.a = 1


g = G()
out = []
for i in range(6):
    try:
        out.append(g.missing)
    except AttributeError:
        out.append("missing")
    if i == 1:
        G.__getattr__ = lambda self, name: "getattr:" + name
    if i == 3:
        G.__getattribute__ = lambda self, name: "getattribute:" + name
print(out)
print(g.a)


# Stores: a property with a setter added after plain stores were cached.
class S:
    pass


s = S()
log = []
for i in range(5):
    s.v = i
    if i == 2:
        S.v = property(lambda self: "read", lambda self, val: log.append(val))
print(log, s.__dict__, s.v)


# __setattr__ added later.
class T:
    pass


t = T()
for i in range(4):
    t.z = i
    if i == 1:
        T.__setattr__ = lambda self, name, val: object.__setattr__(self, name, val * 100)
print(t.z)


# Module attribute caches follow rebinding.
import math
vals = []
for i in range(4):
    vals.append(math.pi)
    if i == 1:
        math.pi = 3
print(vals)
