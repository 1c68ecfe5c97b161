from contextlib import contextmanager, nullcontext, closing, redirect_stdout
import io
with nullcontext(5) as v:
    print(v)
class Res:
    def close(self): print("closed")
with closing(Res()):
    print("using")
buf = io.StringIO()
with redirect_stdout(buf):
    print("captured")
print(repr(buf.getvalue()))
@contextmanager
def err():
    try:
        yield
    except ValueError as e:
        print("cm saw", e)
with err():
    raise ValueError("inside")
print("after")
