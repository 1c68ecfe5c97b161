def show(*a, **k):
    print(a, k)
def v(x):
    print("eval", x)
    return x
show(v(1), *[v(2)], k=v(3), **{"z": v(4)})
