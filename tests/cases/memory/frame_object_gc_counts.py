import gc
gc.disable(); gc.collect()
def inner():
    try:
        raise ValueError
    except ValueError:
        pass
def outer():
    for i in range(3):
        inner()
c0 = gc.get_count()[0]
outer()
print(gc.get_count()[0] - c0)
def keep():
    try:
        raise ValueError
    except ValueError as e:
        return e
c0 = gc.get_count()[0]
e = keep()
print(gc.get_count()[0] - c0, gc.is_tracked(e.__traceback__.tb_frame), e.__traceback__.tb_frame.f_back.f_code.co_name)
