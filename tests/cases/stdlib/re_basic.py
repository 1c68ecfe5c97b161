import re
print(re.findall(r"\d+", "a1b22c333"), re.sub(r"(\w)(\d)", r"\2\1", "a1 b2"), re.split(r"[,;]\s*", "a, b;c"))
m = re.match(r"(?P<k>\w+)=(?P<v>\w+)", "key=val rest")
print(m.group(0), m.group("k"), m["v"], m.groups(), m.groupdict(), m.span(), m.start(2))
print(re.search(r"o+", "foooo bar").group(), re.fullmatch(r"\d{3}", "123") is not None, re.match("x", "ax"))
print([m.group() for m in re.finditer(r"[aeiou]", "education")], re.escape("a.b*c"), re.subn("a", "b", "aaa"))
p = re.compile(r"^\s*#", re.M)
print(p.findall("# a\n  # b\nc"), p.pattern, bool(p.flags & re.M))
try:
    re.compile("(")
except re.error as e:
    print(e)
