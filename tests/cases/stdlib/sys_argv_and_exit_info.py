# sys.argv[0] is the script path; std streams' encoding and names.
import sys
print([a.rsplit("/", 1)[-1] for a in sys.argv])
print(sys.stdin is sys.__stdin__, sys.stdout.encoding, sys.stderr.name)
print(type(sys.modules).__name__, "sys" in sys.modules, "builtins" in sys.builtin_module_names)
