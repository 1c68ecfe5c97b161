import sys
try:
    raise ValueError("one")
except ValueError as e:
    tb = e.__traceback__
    print(type(tb).__name__, tb.tb_lineno, tb.tb_frame.f_code.co_name)
e2 = RuntimeError("two").with_traceback(tb)
print(e2.__traceback__ is tb)
def deep():
    raise KeyError("deep")
try:
    deep()
except KeyError as e:
    t = e.__traceback__
    lines = []
    while t:
        lines.append((t.tb_frame.f_code.co_name, t.tb_lineno))
        t = t.tb_next
    print(lines)
