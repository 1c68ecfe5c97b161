# An uncaught exception with several args prints the args tuple as its
# message.
print("about to raise")
raise RuntimeError("a", 1, [2])
print("never printed")
