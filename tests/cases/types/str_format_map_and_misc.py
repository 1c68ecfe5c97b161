class Default(dict):
    def __missing__(self, k):
        return "<" + k + ">"
print("{a} {b}".format_map(Default(a=1)))
print("Hello".center(11, "=").upper().split("L"))
print("a,b;c d".replace(";", ",").replace(" ", ",").split(","))
print("%-6s|%6.2f|" % ("ab", 3.14159), "{:>8.3%}".format(0.5))
print("{0:{1}{2}}".format(3.5, "^", 9) + "|")
print("tab\there".expandtabs(), "x".zfill(3), "+5".zfill(4))
print("İstanbul".lower().upper(), "ǅ".lower(), "ß".upper(), "ﬃ".casefold())
