print(format("abc", "10") + "|", format("abc", ">10"), format("abc", "^10") + "|", format("abc", "-^9"))
print(format("abcdef", ".3"), format("abcdef", "^8.2") + "|")
print("{:>{w}}|".format("x", w=5), "{0}{1}{0}".format("a", "b"), "{}-{}".format(1, 2))
print("{name}:{0[1]}:{1.real}".format([1, 2], 3 + 4j, name="n"))
print("{!r} {!s} {!a}".format("é", "é", "é"))
print("{{literal}} {}".format(1))
try:
    "{} {}".format(1)
except IndexError as e:
    print(e)
try:
    "{x}".format()
except KeyError as e:
    print(repr(e))
try:
    "{0} {}".format(1, 2)
except ValueError as e:
    print(e)
