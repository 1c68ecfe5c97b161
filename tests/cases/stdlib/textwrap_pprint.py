import textwrap, pprint
text = "The quick brown fox jumps over the lazy dog. " * 3
print(textwrap.fill(text, 30))
print(textwrap.dedent("    a\n      b\n    c"))
print(textwrap.shorten("Hello  world, this is long", 15))
pprint.pprint({"key%d" % i: list(range(i)) for i in range(8)}, width=50)
