# `from M import missing` on a builtin module: ImportError naming the module
# and '(unknown location)'.
print("importing")
from sys import does_not_exist
print("never printed")
