import string
print(string.ascii_lowercase, string.ascii_uppercase, string.digits, string.hexdigits, string.octdigits)
print(repr(string.whitespace), len(string.printable), string.punctuation)
print(string.capwords("hello   big world"))
t = string.Template("$who likes ${what}")
print(t.substitute(who="tim", what="kung pao"), t.safe_substitute(who="x"))
