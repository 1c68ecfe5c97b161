# The __dict__/__weakref__ getset descriptors a class statement adds: name, owner, qualname, repr.
class A:
    pass
class B(A):
    class Inner:
        pass
for n in ('__dict__', '__weakref__'):
    d = A.__dict__[n]
    print(d.__name__, d.__objclass__, d.__qualname__, repr(d))
d = B.Inner.__dict__['__dict__']
print(d.__qualname__, d.__objclass__.__qualname__)
print(B.__dict__.get('__dict__'))
