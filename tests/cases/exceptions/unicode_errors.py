try:
    "ä".encode("ascii")
except UnicodeEncodeError as e:
    print(e.encoding, e.start, e.end, e.reason, repr(e.object))
try:
    b"\xc3".decode("utf-8")
except UnicodeDecodeError as e:
    print(e)
try:
    b"ab\x80".decode("ascii")
except UnicodeDecodeError as e:
    print(e)
