# sys.exit(n) with an int exits with that status, no traceback.
import sys
print("exiting with 3")
sys.exit(3)
print("never")
