s = "\N{GREEK SMALL LETTER ALPHA}\u03b2\x41\101\t|"
print(s, len(s), ascii(s))
print(r"\n raw", len(r"\n"), "\\" + "x")
print("a\
b")
print("""triple
quoted""", '''x''')
print("\u00e9" == "é", "e\u0301" == "é", len("e\u0301"))
