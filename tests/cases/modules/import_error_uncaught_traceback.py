# An exception while importing a helper module: the traceback continues into
# the module's file (path shown relative to the checkout).
#
print("importing")
import _errmod
