path = "/tmp/oxpy_case_open_tmp_file.txt"
with open(path, "w") as f:
    n = f.write("line1\nline2\n")
    print(n, f.closed)
print(f.closed)
with open(path) as f:
    print(f.read().splitlines())
with open(path, "a") as f:
    print("line3", file=f)
with open(path) as f:
    for line in f:
        print(repr(line))
with open(path, "rb") as f:
    print(f.read())
import os
os.remove(path)
print(os.path.exists(path))
