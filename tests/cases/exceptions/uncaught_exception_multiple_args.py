raise RuntimeError("a", 1, [2])
