def f():
    try:
        pass
    except Exception:
        print("no")
    else:
        raise ValueError("from else")
    finally:
        print("finally")
try:
    f()
except ValueError as e:
    print("got", e)
