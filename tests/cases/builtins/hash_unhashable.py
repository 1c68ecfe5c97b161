for v in ([], {}, set(), bytearray()):
    try:
        hash(v)
    except TypeError as e:
        print(e)
