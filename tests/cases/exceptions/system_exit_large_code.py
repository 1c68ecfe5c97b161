# SystemExit with an int code above 255: the process status is the code
# modulo 256 (263 -> 7), as the OS truncates it.
# Nothing is printed.
raise SystemExit(256 + 7)
print("never printed")
