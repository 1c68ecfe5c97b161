# Importing a module that does not exist raises ModuleNotFoundError.
# The traceback has no caret line for an import statement.
print("importing")
import definitely_not_a_module_xyz
print("never printed")
