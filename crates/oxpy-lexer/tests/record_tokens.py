"""Record python3's tokenize (exact types) for each source in CASES into
data/tokens.txt (run: python3 record_tokens.py). Format, per case:
    === <escaped source>
    TYPE<TAB>row,col<TAB>row,col<TAB><escaped string>
The ENCODING token is left out. Escapes as in record_errors.py.
"""
import io
import os
import tokenize
from token import tok_name

from record_errors import esc

OPS = "( ) [ ] { } : , ; + - * / | & < > = . % == != <= >= ~ ^ << >> ** += -= *= /= %= &= |= ^= <<= >>= **= // //= @ @= -> ... :="

CASES = [
    "x = 1\n",
    "x = 1",
    "",
    "\n",
    "# only a comment",
    "# comment\n",
    "x = 1  # trailing\n",
    "x = 1  # trailing",
    "if x:\n    y = 1\n",
    "if x:\n    y = 1",
    "if x:\n    y = 1\n    # deeper comment\n# shallow comment\n\nz = 2\n",
    "if a:\n    if b:\n        c\nd\n",
    "if a:\n    if b:\n        c\n",
    "if a:\n\tb\n\tif c:\n\t\td\n",
    "if a:\n  \x0c  b\n",
    "\x0c\nx = 1\n",
    "x = (1,\n     2)\n",
    "x = [\n    1,  # one\n\n    2,\n]\n",
    "x = 1 + \\\n    2\n",
    "if a and \\\n   b:\n    pass\n",
    "x = 1\r\ny = 2\r\n",
    "s = '''a\r\nb'''\r\n",
    "def f(a, *args, b=1, **kw) -> None:\n    return a@b\n",
    OPS + "\n",
    "a.b...c\n",
    "x = 0 00 0_0 1 1_000 0x1F 0XdeadBEEF 0o17 0O7 0b101 0B1_0\n",
    "x = 1.5 1. .5 1e10 1E-5 1.5e+3 1_0.0_1e1_0 1j 1.5J .5j 1e5j 0j 00.5 09.5 0e0\n",
    "x = 1if 1else 2\n",
    "x = 0x1for\n",
    "s = 'a' \"b\" '''c''' \"\"\"d\"\"\"\n",
    "s = r'a' R'b' b'c' B'd' u'e' U'f' f'g' F'h'\n",
    "s = rb'a' Rb'b' rB'c' RB'd' br'e' bR'f' Br'g' BR'h'\n",
    "s = fr'a' fR'b' Fr'c' FR'd' rf'e' rF'f' Rf'g' RF'h'\n",
    "s = 'it\\'s' \"say \\\"hi\\\"\" '\\\\'\n",
    "s = '''one\ntwo\n  three'''\nt = 1\n",
    "s = 'a\\\nb'\n",
    "s = f'{x!r:>{width}} {y}'\n",
    "s = ur'x'\n",
    "s = bu'x'\n",
    "café = 1\nπ = 3.14\n",
    "x = 𝔘𝔫𝔦\n",
    "ab\u0301c = 1\n",
    "x = a $ b ? c ` d ! e\n",
    "x = 1 <> 2\n",
    "print(x, end='')\n",
    "class A:\n    def f(self):\n        pass\n\n\n    def g(self):\n        pass\n",
    "async def f():\n    await x\n",
    "match x:\n    case [a, *_]:\n        pass\n",
    "x = 1\n   ",
    "x = 1\n\n\n",
    "  # indented comment first\nx = 1\n",
    "if x:\n    pass\n  # comment at odd indent\n",
    "x = {'a': [1, (2, 3)]}\n",
    "lambda: (yield)\n",
    "x = 'é' + \"ü\"  # ç\n",
    # tokenize.py passes what the C tokenizer rejects
    "€ = 2\n",
    "x = 0777 + 0_7 + 00_0_9\n",
    "x = 0xffL + 1if\n",
    "x = 1\x01\n",
]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = []
    for src in CASES:
        try:
            toks = list(tokenize.tokenize(io.BytesIO(src.encode("utf-8")).readline))
        except Exception as e:  # tokenize.py fails: nothing to compare against
            print("skipped", repr(src), e)
            continue
        out.append("=== " + esc(src))
        for t in toks[1:]:
            out.append("%s\t%d,%d\t%d,%d\t%s" % (tok_name[t.exact_type], *t.start, *t.end, esc(t.string)))
    with open(os.path.join(here, "data", "tokens.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
