import sys
print("to stdout")
print("to stderr", file=sys.stderr)
print("flushed", flush=True)
print("err2", 2, sep="|", file=sys.stderr)
sys.stdout.write("written\n")
sys.stderr.write("werr\n")
print(sys.stdout.write("abc"))
