try:
    x = input("prompt> ")
except EOFError as e:
    print("EOFError", repr(e))
print("after")
