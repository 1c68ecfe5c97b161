# getsizeof = __sizeof__ + 16 for GC types (the GC pre-header), + 0 otherwise.
#
import sys
for v in ([], [1, 2], {}, (), (1,), "abc", 10, set(), object()):
    print(type(v).__name__, v.__sizeof__(), sys.getsizeof(v), sys.getsizeof(v) - v.__sizeof__())
