# tuple size is 40 + 8 per item, exact however the tuple was built.
#
import sys
for t in ((), (1,), (1, 2), (1, 2, 3), tuple(range(10)), tuple(range(100)), tuple(x for x in range(7)), tuple("abcdefghij")):
    print(len(t), sys.getsizeof(t))
