import inspect
def f(a, /, b, *, c=3): pass
print(inspect.signature(f), inspect.getfullargspec(f))
class K:
    def m(self, x): return x
print(inspect.signature(K.m), inspect.signature(K().m), [n for n, _ in inspect.getmembers(K, inspect.isfunction)])
print(inspect.iscoroutinefunction(f), inspect.ismethod(K().m), inspect.isbuiltin(len))
print(inspect.currentframe().f_code.co_name, inspect.stack()[0].function, inspect.stack()[0].lineno)
def g():
    return inspect.stack()[1][2:4], inspect.currentframe().f_back.f_lineno
print(g())
import functools
print(inspect.signature(functools.partial(f, 1)))
print(inspect.signature(lambda x, *a, k=1, **kw: 0))
p = inspect.Parameter("x", inspect.Parameter.KEYWORD_ONLY, default=1)
print(repr(p), p.kind, inspect.Signature([p]))
try:
    inspect.signature(f).bind(1, 2, 3)
except TypeError as e:
    print(e)
print(list(inspect.getcallargs(f, 1, 2).items()))
print(inspect.getmodule(f).__name__, inspect.isabstract(K))
print(list(f.__code__.co_positions())[:3])
