# str.index on a missing substring raises ValueError('substring not found').
#
print("before")
s = "hello"
s.index("z")
