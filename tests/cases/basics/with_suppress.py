class Suppress:
    def __enter__(self):
        return self
    def __exit__(self, et, ev, tb):
        print("suppressing", et.__name__ if et else None)
        return True
with Suppress():
    1 / 0
print("continued")
def f():
    with Suppress():
        return "returned"
print(f())
for i in range(3):
    with Suppress():
        if i == 1:
            continue
        print("loop", i)
