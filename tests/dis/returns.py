def f(x):
    if x:
        return 1
    return 2

def g(items):
    for i in items:
        if i:
            return i
    return None

def h():
    try:
        return 1
    finally:
        cleanup()

def k():
    with lock:
        return compute()

def m(x):
    while True:
        if x:
            break
    return x
