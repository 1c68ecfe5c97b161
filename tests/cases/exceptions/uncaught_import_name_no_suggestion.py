# 3.11 gives no 'Did you mean' for `from M import typo`
# (that came in 3.12).
print("importing")
from sys import maxsiz
print("never printed")
