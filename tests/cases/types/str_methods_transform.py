print("  pad  ".strip(), "xxhixx".strip("x"), "  l".lstrip(), "r  ".rstrip() + "|")
print("-".join(["a", "b", "c"]), "".join([]), ", ".join(map(str, range(3))))
print("hello".replace("l", "L"), "hello".replace("l", "L", 1), "".replace("", "x"), "ab".replace("", "-"))
print("abc".center(9, "*"), "abc".ljust(6, "."), "abc".rjust(6), "42".zfill(5), "-42".zfill(6))
print("a\tb\tc".expandtabs(4), "prefix_name".removeprefix("prefix_"), "name.py".removesuffix(".py"))
t = str.maketrans("abc", "xyz", "d")
print("abcdd".translate(t), str.maketrans({"a": "1"}))
print("x".join("123"))
try:
    "-".join([1, 2])
except TypeError as e:
    print(e)
