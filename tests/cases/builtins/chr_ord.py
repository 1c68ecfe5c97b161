print(chr(65), chr(0x263A), chr(0x1F600), repr(chr(0)), ord("A"), ord("é"), ord("🐍"), ord(b"a"), ord(bytearray(b"z")))
try:
    chr(0x110000)
except ValueError as e:
    print(e)
try:
    chr(-1)
except ValueError as e:
    print(e)
try:
    ord("ab")
except TypeError as e:
    print(e)
try:
    ord("")
except TypeError as e:
    print(e)
