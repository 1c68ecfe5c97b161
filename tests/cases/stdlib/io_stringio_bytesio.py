import io
s = io.StringIO("line1\nline2\n")
print(s.readline(), s.read(), repr(s.read()), s.tell())
s.seek(0); print(s.readlines())
w = io.StringIO(); w.write("abc"); w.write("def")
print(w.getvalue(), w.tell())
b = io.BytesIO(b"\x00\x01\x02")
print(b.read(2), b.read(), b.getvalue())
