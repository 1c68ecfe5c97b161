class Sink:
    def __init__(self):
        self.parts = []
    def write(self, s):
        self.parts.append(s)
        return len(s)
s = Sink()
print("a", "b", file=s)
print(1, end="", file=s)
print(s.parts)
import io
buf = io.StringIO()
print("hello", 42, file=buf)
print(repr(buf.getvalue()))
