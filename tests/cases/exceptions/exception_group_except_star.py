def raiser():
    raise ExceptionGroup("eg", [ValueError("v1"), TypeError("t1"), ValueError("v2"), KeyError("k")])
try:
    raiser()
except* ValueError as g:
    print("values:", repr(g), [str(e) for e in g.exceptions])
except* TypeError as g:
    print("types:", [str(e) for e in g.exceptions])
except* KeyError as g:
    print("keys:", g.exceptions)
