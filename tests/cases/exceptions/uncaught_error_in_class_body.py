# An exception in a class body: the traceback has a frame named after
# the class.
class Broken:
    x = 1
    y = x / 0
