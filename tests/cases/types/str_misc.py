print(str(), str(1), str([1, "a"]), str(b"x"), str(b"caf\xc3\xa9", "utf-8"))
print(repr("a'b"), repr('a"b'), repr("a'\"b"), repr("\n\t\\\x00\x7f\u00e9\u200b\U0001f600"))
print(ord("a"), chr(97), "abc" * 0, "abc" < "abd", "a" in "cat", "" in "x")
print(sorted("banana"), list(reversed("abc")), "abc".encode(), "é".encode("utf-8"), "é".encode("latin-1"))
try:
    "é".encode("ascii")
except UnicodeEncodeError as e:
    print(e)
print("ü".encode("ascii", "replace"), "ü".encode("ascii", "ignore"), "ü".encode("ascii", "backslashreplace"))
