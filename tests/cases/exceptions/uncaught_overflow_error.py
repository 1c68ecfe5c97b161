# math.exp overflow raises OverflowError('math range error'); the call is
# the whole line, so there is no caret line.
print("before")
import math
math.exp(1000)
