# The regular expression engine on groups, repeats, lookarounds, backreferences, flags.
import re
tests = [
    (r"(a|b)*c", "ababc"), (r"(a+)(b+)?", "aaac"), (r"x*", "xxxy"), (r"(?:ab)+?c", "ababc"),
    (r"\bfoo\b", "a foo b"), (r"(?i)HeLLo", "hello"), (r"(\d+)-(\d+)", "10-20"),
    (r"(?P<a>.)(?P=a)", "xaab"), (r"(?=a)a", "a"), (r"(?<=a)b", "ab"), (r"(?<!a)b", "cb"),
    (r"a{2,3}", "aaaa"), (r"a{2,3}?", "aaaa"), (r"[^a-c]+", "abcdef"), (r"^$", ""),
    (r"(a)|(b)", "b"), (r"(?:(a)|b)+", "ab"), (r"(a*)*", "aa"), (r"(a*)+b", "aab"),
    (r"\w+@\w+\.com", "mail me@x.com now"), (r"(?s).+", "a\nb"), (r".+", "a\nb"),
    (r"(?m)^b$", "a\nb\nc"), (r"[\u00e9-\u00ff]+", "caf\u00e9\u00ff!"), (r"(?i)[a-z]+", "HeLLo"),
    (r"(?>a+)b", "aab"), (r"a++b", "aab"), (r"(a)?(?(1)b|c)", "ab"),
    (r"\s+", " \t\n x"), (r"[\d\s]+", "1 2 3x"), (r"(?x) a b # c", "ab"),
]
for p, s in tests:
    m = re.search(p, s)
    print(p, m and (m.span(), m.groups(), m.lastindex))
print(re.sub(r"(\w+) (\w+)", r"\g<2> \1", "hello world"), re.sub("a|", "-", "bab"))
print(re.split(r"(,)", "a,b,c"), re.split(r"x*", "axbc"), re.findall(r"(a)(b)?", "abac"))
print(re.compile(r"a", re.I | re.M), re.I | re.M, re.compile(b"[a-z]+").findall(b"ab cd"))
print(re.sub(r"\d", lambda m: str(int(m.group()) * 2), "a1b2"), re.match(r"(a)(b)", "ab").expand(r"\2\1"))
print(re.fullmatch(r"a|ab", "ab"), re.compile(r"(?P<x>a)").groupindex, re.escape("h\xe9llo w\xf6rld"))
