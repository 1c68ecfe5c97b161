# AttributeError on a module gets a 'Did you mean' suggestion from the
# module's names.
print("before")
import math
math.sqr(4)
