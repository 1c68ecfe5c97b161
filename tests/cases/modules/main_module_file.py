import os
print(os.path.basename(__file__), __file__.endswith("main_module_file.py"))
print(__package__, __loader__.__class__.__name__ if False else "skip")
