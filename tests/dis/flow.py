def f(items):
    for i in items:
        try:
            if i:
                continue
            g(i)
        except KeyError:
            break
        finally:
            h()
    return 0

def w():
    with a:
        with b:
            return 1

def nested_try():
    try:
        try:
            x()
        except A:
            y()
    except B as e:
        z(e)
    return 2

def loop_else(n):
    while n:
        n -= 1
        if n == 3:
            break
    else:
        return -1
    return n
