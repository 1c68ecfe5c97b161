import sys
prev = None
for bits in range(0, 200):
    size = sys.getsizeof(2 ** bits)
    if size != prev:
        print("2**%d -> %d" % (bits, size))
        prev = size
