try:
    try:
        [][0]
    except IndexError as e:
        raise KeyError("k") from e
except KeyError:
    raise TypeError("final")
