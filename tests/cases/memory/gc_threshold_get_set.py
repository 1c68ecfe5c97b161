import gc
print(gc.get_threshold())
gc.set_threshold(700, 0, 99999999)
print(gc.get_threshold())
gc.set_threshold(100)
print(gc.get_threshold())
gc.set_threshold(500, 20)
print(gc.get_threshold())
try:
    gc.set_threshold()
except TypeError as e:
    print(e)
gc.set_threshold(700, 10, 10)
print(gc.get_threshold())
try:
    gc.collect(3)
except ValueError as e:
    print(e)
