# warnings.warn prints 'file:line: Category: message' and the source line
# to stderr; a DeprecationWarning raised from __main__ is shown.
import warnings
warnings.warn("deprecated thing", DeprecationWarning)
warnings.warn("user warning here")
print("done")
