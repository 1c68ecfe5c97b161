# The standard streams read from an empty stdin, iterate, and report their modes.
import sys
print(repr(sys.stdin.read()), repr(sys.stdin.readline()), list(sys.stdin), sys.stdin.readlines())
print(sys.stdin.mode, sys.stdout.mode, sys.stdin.readable(), sys.stdout.writable(), sys.stdout.seekable())
print(sys.stdin.name, sys.stdout.name, sys.stderr.errors, sys.stdin.closed)
