# Subscripting an int: "'int' object is not subscriptable", with carets.
#
print("before")
x = 5
x[0]
