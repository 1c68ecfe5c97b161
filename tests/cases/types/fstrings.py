name, n, x = "Ann", 7, 3.14159
print(f"{name} has {n} items, x={x:.2f}, {n:03d} {n!r} {name!r:>6}")
print(f"{n=} {x=:.1f} {name = }")
print(f"{'nested ' + f'{n * 2}'}", f"{{braces}}", f"{[1, 2][0]}")
w = 8
print(f"{x:{w}.{2}f}|", f"{n:#x}", f"{1e6:,}")
d = {"k": "v"}
print(f"{d['k']}", f"{len(d)}", f"{ (lambda: 'lam')() }")
print(f"{3 + 4}" f"{'x'}" "y")
print(f"{'a' if n > 5 else 'b'}")
