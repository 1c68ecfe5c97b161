import warnings
warnings.warn("deprecated thing", DeprecationWarning)
warnings.warn("user warning here")
print("done")
