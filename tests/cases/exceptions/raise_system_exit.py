# A bare `raise SystemExit` exits with status 0 and prints nothing to stderr.
# (code None means success)
print("before")
raise SystemExit
print("never printed")
