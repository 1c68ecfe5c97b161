# str methods on Latin-1/ASCII strings (split, rsplit, strip, startswith/endswith, upper, lower,
# replace) give what the general code-point path gives, for ASCII, Latin-1 and wider strings.
tests = ["a,b,,c", "", ",", "abc", "  a  b\tc\n ", "x\xa0y\x85z", "é,ü,ß", "a::b::c::", "ab"]
for t in tests:
    for sep in (None, ",", "::", "\xa0", "b"):
        for m in (-1, 0, 1, 2):
            print(repr(t), repr(sep), m, t.split(sep, m), t.rsplit(sep, m))
s = "abc"
print(s.split()[0] is s, s.split(",")[0] is s, s.rsplit("z")[0] is s)
class S(str): pass
print(type(S("a b").split()[0]), type(S("ab").split()[0]))
try: "a".split("")
except ValueError as e: print(e)
try: "a".split(1)
except TypeError as e: print(e)
print("aé€b".split("€"), "a€b".split("a"), "x y".split(sep=" ", maxsplit=1))
for s in ["", " ", "  a b  ", "\t\nx\x85\xa0", "xxaxx", "éaé", "abc", "a\u0100a"]:
    for ch in (None, "x", "é", "\u0100", "", " a"):
        print(repr(s.strip(ch)), repr(s.lstrip(ch)), repr(s.rstrip(ch)), s.strip(ch) is s)
for s in ["abc", "", "éab", "a\u0100"]:
    for sub in ("", "a", "bc", "é", ("x", "c"), "\u0100", "abcd"):
        print(s.startswith(sub), s.endswith(sub), s.startswith(sub, 1), s.endswith(sub, 0, 2), s.endswith(sub, -5, 100))
try: "a".strip(1)
except TypeError as e: print(e)
try: "a".startswith(1)
except TypeError as e: print(e)
try: "a".endswith((1,))
except TypeError as e: print(e)
for s in ["", "a", "abc", "AbC dE", "ß", "éa", "ÿ", "µx", "x\u0100", "İ", "ǅ"]:
    print(repr(s.upper()), repr(s.lower()))
for s, o, n, c in [("aaa", "a", "b", -1), ("aaa", "a", "", 2), ("abc", "", "-", -1), ("abc", "x", "y", -1), ("éaé", "é", "e", -1), ("abc", "b", "\u0100", -1), ("a\u0100b", "a", "c", -1), ("abc", "abc", "", -1), ("ab", "b", "é", 1)]:
    r = s.replace(o, n, c)
    print(repr(r))
print("abc".replace("x", "y") is "abc".replace("x", "y"))
