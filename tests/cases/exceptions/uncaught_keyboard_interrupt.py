# An uncaught KeyboardInterrupt prints its traceback, then python3 kills itself
# with SIGINT (so a shell sees status 130); the snapshot records "signal".
print("before")
raise KeyboardInterrupt
print("never printed")
