# Unpacking too many values: the caret line marks the targets.
#
#
print("before")
a, b = [1, 2, 3]
