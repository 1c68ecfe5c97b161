from collections import OrderedDict
od = OrderedDict(a=1, b=2, c=3)
od.move_to_end("a")
print(od, list(od))
od.move_to_end("c", last=False)
print(list(od), od.popitem(), od.popitem(last=False), od)
print(OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1), dict(a=1, b=2) == OrderedDict(b=2, a=1))
