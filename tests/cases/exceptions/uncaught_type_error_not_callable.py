# Calling None taken from a dict: "'NoneType' object is not callable".
#
print("before")
handlers = {"a": None}
handlers["a"]()
