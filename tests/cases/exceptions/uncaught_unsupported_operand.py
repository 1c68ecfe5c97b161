# int + str: unsupported operand types, with ~~^~~ marking the operator.
#
#
print("before")
x = 1 + "two"
