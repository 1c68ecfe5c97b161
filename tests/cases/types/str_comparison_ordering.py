# str ordering is by code point: uppercase before lowercase, non-ASCII last,
# no locale collation.
print(sorted(["b", "B", "a", "A", "é", "z", "Z", "1", " "]))
print(max("hello"), min("hello"), "a" * 3 < "a" * 4, "abc" == "abc"[:])
print("ß" < "ss", "Ω" > "z", "\U0001F600" > "\uffff")
