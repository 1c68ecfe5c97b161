from collections import Counter
c = Counter("abracadabra")
print(c, c.most_common(2), c["z"], sorted(c.elements())[:6])
c.update("aaz"); c.subtract({"b": 5})
print(c)
print(Counter(a=3, b=1) + Counter(a=1, b=2), Counter(a=3) - Counter(a=5), Counter(a=1) | Counter(a=4), Counter(a=2, b=1) & Counter(a=1))
print(Counter({"x": 2, "y": -1}).total(), +Counter({"x": 2, "y": -1}))
