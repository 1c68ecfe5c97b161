# ZeroDivisionError through a call: the caller's line is underlined (^^^)
# and the division is marked with ~~^~~.
def ratio(a, b):
    return a / b
print(ratio(1, 2))
print(ratio(1, 0))
