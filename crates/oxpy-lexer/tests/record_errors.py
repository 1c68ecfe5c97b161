"""Record CPython's SyntaxError for each source in CASES into data/errors.tsv.

Run with python3 (3.11) from this directory:  python3 record_errors.py
Each output line: escaped source, kind, lineno, offset, end_lineno, end_offset, msg.
A source that compiles is recorded with kind "OK".
"""
import os

CASES = [
    # strings
    "x = 'abc\n",
    "x = 'abc",
    "x = \"abc\ny = 1\n",
    "x = '''abc\n\n",
    "x = '''abc",
    "x = \"\"\"abc\ndef\n\n",
    "s = f'abc\n",
    "s = rb'abc\\'\n",
    "s = 'é€' + 'x\n",
    "  \nx = (1,\n  'abc\n",
    "x = 'a\\\nb\n",
    # brackets
    "x = (1, 2\n",
    "x = (1,\n[2,\n",
    "x = {\n",
    "foo(\n\n\n",
    "x = 1)\n",
    "x = ]\n",
    "x = }\n",
    "x = (1, 2]\n",
    "x = (1,\n 2]\n",
    "x = [1, {2: 3)]\n",
    "x = " + "(" * 200 + ")" * 200 + "\n",
    "x = " + "(" * 201 + ")" * 201 + "\n",
    "x = " + "[" * 199 + "]" * 199 + "\n",
    # indentation
    "if x:\n    a\n  b\n",
    "if x:\n        a\n    b\n",
    "if x:\n\ta\n        b\n",
    "if x:\n        a\n\tb\n",
    "if x:\n    \ta\n\t    b\n",
    "if x:\n  \ta\n\t  b\n",
    "if x:\n\t a\n\t\tb\n",
    "if x:\n \ta\n\tb\n",
    "".join("    " * i + "if x:\n" for i in range(99)) + "    " * 99 + "pass\n",
    "".join(" " * i + "if x:\n" for i in range(100)) + " " * 100 + "pass\n",
    "if x:\n    a\n\x0c  b\n",
    # continuation
    "x = 1 + \\ 2\n",
    "x = 1 + \\\n",
    "x = 1 + \\",
    "x = 1 \\\n\n",
    "\\\n",
    "if x:\n    a \\\n  = 1\n",
    "x = 1 + \\\r\n 2\n",
    # characters
    "x = 1 € 2\n",
    "x€ = 1\n",
    "€\n",
    "x = a\u00a0b\n",
    "x = \u00a0\n",
    "x = 1\x01\n",
    "x = \x7f\n",
    "x = 1\u200b\n",
    "a = \u2028\n",
    "x = 1 $ 2\n",
    "x = 1 ? 2\n",
    "x = `1`\n",
    "x = a!b\n",
    "x = 𝔘𝔫𝔦 = 1\n",
    "x = ①\n",
    "x = a·b\n",
    "x = ·\n",
    "x = \U0001F600\n",
    "x = '\x00'\n",
    "x = 1\n\x00\n",
    # numbers
    "x = 1_\n",
    "x = 1__0\n",
    "x = 1_a\n",
    "x = 1a\n",
    "x = 1.5a\n",
    "x = 1e\n",
    "x = 1e+\n",
    "x = 1e+a\n",
    "x = 1ea\n",
    "x = 1e5a\n",
    "x = 1.e5_\n",
    "x = 1jk\n",
    "x = 0x\n",
    "x = 0xg\n",
    "x = 0x1g\n",
    "x = 0x_\n",
    "x = 0x1__2\n",
    "x = 0o8\n",
    "x = 0o18\n",
    "x = 0o\n",
    "x = 0o1a\n",
    "x = 0b2\n",
    "x = 0b12\n",
    "x = 0b\n",
    "x = 0b1a\n",
    "x = 0777\n",
    "x = 00777\n",
    "x = 0_7\n",
    "x = 0_\n",
    "x = 0a\n",
    "x = 09.5\n",
    "x = 09e1\n",
    "x = 09j\n",
    "x = 0_0\n",
    "x = 00\n",
    "x = 1if 1else 0\n",
    "x = 0x1for\n",
    "x = 1not in y\n",
    "x = 1e1_\n",
    "x = .5_\n",
    "x = 1.__class__\n",
    "x = 1._5\n",
    "x = 1_000.000_1e1_0j\n",
    "x = 0xdead_beefj\n",
    "x = 1€\n",
    "x = 1é\n",
    "x = 0b1€\n",
    # eof
    "def f(:\n",
    "if x:\n",
    "x = (",
    "x = 'a' 'b\n",
    # crlf
    "x = 1\r\ny = (\r\n",
    "x = 1\ry = )\r",
]


def esc(s):
    out = []
    for ch in s:
        o = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif o < 0x20 or o == 0x7F or (0x80 <= o < 0xA0):
            out.append("\\x%02x" % o)
        else:
            out.append(ch)
    return "".join(out)


HOOK = """
import sys
def hook(t, e, tb):
    print(repr([t.__name__, e.lineno, e.offset, e.end_lineno, e.end_offset, e.msg]))
sys.excepthook = hook
"""


def record(src):
    """Run src as a file (`python3 x.py`, the file tokenizer) and report the
    SyntaxError it raises; "OK" if it compiles (runtime errors do not count)."""
    import subprocess
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "x.py")
        with open(path, "wb") as f:
            f.write(src.encode("utf-8"))
        with open(os.path.join(tmp, "sitecustomize.py"), "w") as f:
            f.write(HOOK)
        env = dict(os.environ, PYTHONPATH=tmp)
        out = subprocess.run([sys.executable, "-W", "ignore", path],
                             capture_output=True, text=True, env=env, timeout=10)
        lines = out.stdout.strip().splitlines()
        if not lines or not lines[-1].startswith("["):
            return ["OK", 0, 0, 0, 0, ""]
        row = eval(lines[-1])
        if row[0] not in ("SyntaxError", "IndentationError", "TabError"):
            return ["OK", 0, 0, 0, 0, ""]
        return [x if x is not None else 0 for x in row]


def main():
    import warnings

    warnings.simplefilter("ignore")
    here = os.path.dirname(os.path.abspath(__file__))
    lines = []
    for src in CASES:
        row = [esc(src)] + [str(x) for x in record(src)]
        lines.append("\t".join(row))
    with open(os.path.join(here, "data", "errors.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
