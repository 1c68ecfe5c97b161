import inspect
def f(a, b: int = 2, *args, c, d=4, **kw) -> str: pass
sig = inspect.signature(f)
print(sig, list(sig.parameters), sig.parameters["b"].default, sig.return_annotation)
print(inspect.isfunction(f), inspect.isclass(int), inspect.isgeneratorfunction(f), inspect.getdoc(len)[:20])
print(sig.bind(1, c=3).arguments)
