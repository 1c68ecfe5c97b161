# Missing positional argument: the message names the function and the
# missing parameter.
def area(width, height):
    return width * height
area(3)
