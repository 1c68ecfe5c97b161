# IndexError on a list: the caret line marks the subscript (~~~~~^^^).
# stdout printed before the error still appears.
print("before")
items = [1, 2, 3]
print(items[3])
