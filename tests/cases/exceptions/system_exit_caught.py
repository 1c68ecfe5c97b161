import sys
try:
    sys.exit(5)
except SystemExit as e:
    print("caught", e.code, repr(e), e.args)
try:
    raise SystemExit("m", 2)
except SystemExit as e:
    print(e.code)
print(issubclass(SystemExit, Exception), issubclass(SystemExit, BaseException))
