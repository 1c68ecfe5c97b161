# __file__ of the main script and __package__ (None for a top-level script).
import os
print(os.path.basename(__file__), __file__.endswith("main_module_file.py"))
print(__package__, __spec__)
print(__name__, __doc__)
