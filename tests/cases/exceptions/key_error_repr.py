try:
    {}[("a", 1)]
except KeyError as e:
    print(e, repr(e))
try:
    {}[""]
except KeyError as e:
    print(e)
try:
    set().remove(frozenset())
except KeyError as e:
    print(e)
