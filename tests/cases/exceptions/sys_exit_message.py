# sys.exit(str): the message goes to stderr (plus a newline) and the exit
# status is 1; no traceback.
import sys
sys.exit("fatal: something went wrong")
print("never printed")
