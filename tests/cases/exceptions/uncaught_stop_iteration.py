# A StopIteration escaping to the top level is reported like any exception.
#
print("before")
it = iter([])
next(it)
