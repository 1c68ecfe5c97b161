s = "the quick brown fox jumps over the lazy dog"
print(s.find("the"), s.find("the", 1), s.rfind("the"), s.find("cat"))
print(s.index("fox"), s.count("o"), s.count("the"), s.count(""))
print(s.startswith("the"), s.startswith(("a", "th")), s.endswith("dog", 0, 43))
try:
    s.index("cat")
except ValueError as e:
    print(e)
print("aaa".count("aa"), "abcabc".rindex("c"))
print("a,b,,c".split(","), "a b  c ".split(), "a,b,c".split(",", 1), "a,b,c".rsplit(",", 1))
print("line1\nline2\r\nline3".splitlines(), "x\ny\n".splitlines(True))
print("k=v=w".partition("="), "k=v=w".rpartition("="), "kv".partition("="))
