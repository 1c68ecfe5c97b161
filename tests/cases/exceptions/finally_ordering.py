def f():
    try:
        print("try")
        return "from try"
    finally:
        print("finally")
print(f())
def g():
    for i in range(2):
        try:
            try:
                if i:
                    raise ValueError(i)
                print("body", i)
            finally:
                print("inner finally", i)
        except ValueError as e:
            print("caught", e)
        finally:
            print("outer finally", i)
g()
