import sys, gc
class Big:
    alive = 0
    def __init__(self, n):
        Big.alive += 1
        self.data = bytearray(n)
    def __del__(self):
        Big.alive -= 1
items = [Big(1000) for _ in range(10)]
print(Big.alive, sys.getsizeof(items[0].data))
del items[5:]
print(Big.alive)
items = None
print(Big.alive)
leak = [Big(10)]
leak.append(leak)
del leak
print("cycle alive:", Big.alive)
print(gc.collect() >= 1, Big.alive)
