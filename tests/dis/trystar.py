def f():
    try:
        work()
    except* ValueError as eg:
        handle(eg)
    except* TypeError:
        pass
    else:
        done()

try:
    a()
except* OSError:
    b()
finally:
    c()
