s = "Hello World ß ǅ"
print(s.upper(), s.lower(), s.swapcase())
print(s.title(), "hello wORLD".capitalize(), s.casefold())
print("abc".islower(), "ABC".isupper(), "Title Case".istitle())
print("123".isdigit(), "½".isnumeric(), "²".isdigit(), "١".isdecimal())
print("abc1".isalnum(), "abc".isalpha(), " \t\n".isspace(), "".isspace())
print("_x1".isidentifier(), "1x".isidentifier(), "abc".isascii(), "é".isascii())
print("ﬁ".upper(), "İ".lower(), len("İ".lower()))
