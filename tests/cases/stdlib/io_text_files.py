# Text and binary files: newline modes, tell/seek, encodings, read sizes, errors.
import io, os
path = "/tmp/oxpy_case_io_text_files.txt"
with open(path, "w", newline="") as f:
    f.write("a\rb\r\nc\nd\r")
for nl in (None, "", "\n", "\r", "\r\n"):
    with open(path, newline=nl) as f:
        lines = []
        while True:
            t = f.tell() if nl != None and nl != "" else None
            line = f.readline()
            if not line:
                break
            lines.append(line)
        print(repr(nl), lines, repr(f.newlines))
with open(path, "w", encoding="latin-1") as f:
    print(f, f.encoding, f.mode, f.name == path, f.writable(), f.readable())
    f.write("caf\xe9\n")
with open(path, "rb") as f:
    print(f, f.read(), f.tell(), f.seek(1), f.read(2), f.raw)
with open(path, encoding="latin-1") as f:
    print(repr(f.read(3)), f.tell(), repr(f.read()))
with open(path, "a") as f:
    f.writelines(["x\n", "y\n"])
with open(path, "r+", encoding="latin-1") as f:
    print(f.readlines())
    f.seek(0)
    f.write("C")
    f.seek(0)
    print(repr(f.read()))
try:
    open(path, "rw")
except ValueError as e:
    print(e)
try:
    open(path, "rb", encoding="utf-8")
except ValueError as e:
    print(e)
try:
    open("/tmp")
except IsADirectoryError as e:
    print(type(e).__name__, e.errno, e)
try:
    open(path, "x")
except FileExistsError as e:
    print(type(e).__name__, e)
f = open(path)
f.close()
try:
    f.read()
except ValueError as e:
    print(e, f.closed)
big = "x" * 10000 + "\n" + "\xe9" * 9000 + "\n"
with open(path, "w") as f:
    f.write(big * 3)
with open(path) as f:
    print([len(l) for l in f], f.tell())
with open(path) as f:
    print(len(f.readline()), f.tell(), len(f.read(5000)), f.tell())
os.remove(path)
print(os.path.exists(path), isinstance(io.StringIO(), io.TextIOBase), io.StringIO, io.BytesIO)
s = io.StringIO("x\r\ny", newline=None)
print(repr(s.read()), repr(s.newlines))
b = io.BytesIO()
b.write(b"abc"); b.seek(1); b.write(b"Z"); print(b.getvalue(), b.tell(), b.seek(0, 2))
