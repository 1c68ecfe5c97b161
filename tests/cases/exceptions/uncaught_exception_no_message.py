# An uncaught exception raised as a bare class prints only the class name
# on the last line.
print("about to raise")
raise ValueError
print("never printed")
