try:
    try:
        raise TypeError("bad type")
    except TypeError as e:
        e.add_note("while processing item 3")
        raise
except TypeError as e:
    print(e, e.__notes__)
try:
    ValueError().add_note(5)
except TypeError as e:
    print(e)
