print("before")
try:
    import _errmod
except ZeroDivisionError as e:
    print("import failed:", e)
import sys
print("_errmod" in sys.modules)
