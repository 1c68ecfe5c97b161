import sys, gc
def f(x):
    y = x * 2
    raise ValueError(y)
try:
    f(3)
except ValueError as e:
    tb = e.__traceback__
    print(tb.tb_frame is tb.tb_frame, tb.tb_frame.f_code.co_name, tb.tb_lineno)
    fr = tb.tb_next.tb_frame
    print(fr.f_code.co_name, fr.f_lineno, sorted(fr.f_locals.items()), fr.f_back is tb.tb_frame)
    print(fr.f_globals is globals(), tb.tb_frame.f_locals is globals())
    print(type(fr).__name__, gc.is_tracked(fr), gc.is_tracked(tb.tb_frame))
    print(repr(fr)[:9], fr.f_lasti > 0)
def g():
    yield sys._getframe().f_code.co_name
    yield 2
it = g()
print(it.gi_frame is it.gi_frame, it.gi_frame.f_lineno, next(it), it.gi_frame.f_lineno)
del it
# A traceback keeps the locals of the frames it passed through until it is freed.
class D:
    def __init__(self, n): self.n = n
    def __del__(self): print("del", self.n)
def h():
    d = D("h")
    try:
        1 / 0
    except ZeroDivisionError as exc:
        return exc
err = h()
print("h returned")
print(sorted(err.__traceback__.tb_frame.f_locals))
err = None
print("err cleared")
gc.disable(); gc.collect()
def cyc():
    d = D("cycle")
    try:
        raise KeyError(1)
    except KeyError as e:
        keep = e
cyc()
print("cyc returned")
print(gc.collect())
