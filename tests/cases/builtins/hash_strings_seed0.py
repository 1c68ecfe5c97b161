for s in ("", "a", "abc", "hello world", "é", "日本", "🐍", "a" * 100):
    print(repr(s), hash(s))
for b in (b"", b"a", b"abc", b"\xff" * 10):
    print(repr(b), hash(b))
print(hash("abc") == hash(b"abc"), hash(("a", 1)), hash(frozenset(["a", "b"])))
