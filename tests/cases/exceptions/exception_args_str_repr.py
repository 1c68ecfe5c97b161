for e in (ValueError(), ValueError("a"), ValueError("a", 2), KeyError("k"), KeyError(), OSError(2, "No such"), Exception(None)):
    print(repr(e), "|", str(e), "|", e.args)
