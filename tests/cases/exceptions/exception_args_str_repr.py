# str() and repr() of exceptions with 0, 1 and several args; KeyError's str
# is the repr of its key; OSError(errno, msg) becomes its errno subclass.
print("exception values:")
for e in (ValueError(), ValueError("a"), ValueError("a", 2), KeyError("k"), KeyError(), OSError(2, "No such"), Exception(None)):
    print(repr(e), "|", str(e), "|", e.args)
