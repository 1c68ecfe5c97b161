import sys
print(sys.getsizeof(set()), sys.getsizeof({1}), sys.getsizeof({1, 2, 3, 4}), sys.getsizeof({1, 2, 3, 4, 5}))
print(sys.getsizeof(set(range(5))), sys.getsizeof(set(range(100))), sys.getsizeof(set([1, 2, 3, 4, 5])))
print(sys.getsizeof(frozenset()), sys.getsizeof(frozenset(range(5))), sys.getsizeof(frozenset(range(100))))
print(sys.getsizeof({100, 200, 300, 400, 500, 600}), sys.getsizeof(set([100, 200, 300, 400, 500, 600])))
print(sys.getsizeof({x for x in range(10)}), sys.getsizeof(set("abcdefghij")))
