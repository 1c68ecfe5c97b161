import operator as op
print(op.add(1, 2), op.mul(3, 4), op.floordiv(7, 2), op.neg(5), op.not_(0), op.truth([]), op.concat([1], [2]))
print(op.itemgetter(1)([5, 6]), op.itemgetter(0, 2)("abc"), op.attrgetter("real")(3 + 4j), op.methodcaller("upper")("hi"))
print(sorted([(1, "b"), (0, "c")], key=op.itemgetter(1)), op.contains([1, 2], 2), op.countOf([1, 1, 2], 1), op.indexOf("abc", "c"))
print(op.lt(1, 2), op.eq("a", "a"), op.is_(None, None), op.index(5), op.length_hint(iter([1, 2, 3])))
lst = [1, 2, 3]
op.setitem(lst, 0, 9); op.delitem(lst, 1)
print(lst, op.iadd([1], [2]), op.pow(2, 5), op.xor(5, 3), op.inv(0))
