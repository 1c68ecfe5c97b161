# __import__('a.b.c') returns the top package; with a fromlist it returns
# the submodule itself.
m = __import__("_mylib.sub.deep")
print(m.__name__)
m2 = __import__("_mylib.sub.deep", fromlist=["run"])
print(m2.__name__, m2.run()[0])
