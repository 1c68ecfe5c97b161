def f():
    for i in range(3):
        try:
            if i == 1:
                return "ret"
        finally:
            print("fin", i)
            if i == 1:
                break
    return "after loop"
print(f())
def g():
    while True:
        try:
            1 / 0
        finally:
            break
    return "swallowed"
print(g())
