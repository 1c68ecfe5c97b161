import array
a = array.array("i", [1, 2, 3])
a.append(4)
print(a, a.itemsize, a.tolist(), a[1:3], a.typecode, sum(a))
b = array.array("d", [1.5])
print(b, array.array("b", b"\x01\xff"))
try:
    array.array("B", [256])
except OverflowError as e:
    print(e)
