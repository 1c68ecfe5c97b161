# sys.exit() without an argument exits with status 0.
#
import sys
print("clean exit")
sys.exit()
