# SystemExit(True): a bool code is an int, so the exit status is 1 and
# nothing is printed.
import sys
sys.exit(True)
print("never printed")
