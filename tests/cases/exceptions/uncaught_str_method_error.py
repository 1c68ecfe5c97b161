s = "hello"
s.index("z")
