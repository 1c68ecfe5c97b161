# sys.path[0] is the absolute directory of the script, which is what makes
# helper packages next to the case importable.
#
import sys, os
print(os.path.basename(sys.path[0]), os.path.isabs(sys.path[0]))
