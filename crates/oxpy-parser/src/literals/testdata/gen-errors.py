#!/usr/bin/env python3
"""Record python3's SyntaxError for each literal in errors.txt (`CASE => MSG @LINE:OFFSET`).

Run with CPython 3.11 from this directory: python3 gen-errors.py
"""
import sys

assert sys.version_info[:2] == (3, 11)
errors = [r'f"{}"', r'f"{ }"', r'f"{x"', r'f"}"', r'f"{x}}"', r'f"{\n}"', r'f"{a#}"', r'f"{x!z}"', r'f"{x!}"',
          r'f"{(}"', r'f"{)}"', r'f"{x:{y:{z}}}"', r'f"{!r}"', r'f"{:3}"', r'f"{=}"', r'f"{x!r=}"',
          'b"é"', r'b"a" "b"', r'"a" b"b"', r'x = 1 +  "a" b"c"', r'f"{a[}"', r'f"{a(]}"',
          r'f"{\'a}"', r"'\N{foo}'", r"b'\x4'", r"'\x4g'", r"'\u12'", r"'\U00110000'", r"'\N'", r"'\N{'",
          r"'é\x4'", r'f"{x!r  }"', r'f"{x:{y}"', r'f"{x:"', r'f"a{x!"', r'f"{x!r:{{}}}"', r'"a" f"}"',
          r'f"{a}" f"{b"', r'f"\x4{a}"', r'f"{[}"', r'f"{x:{}}"', r'f"{{}" "x"', "'\\N{LATIN SMALL LETTER A}'",
          'f"{x:{y:}}"', r'f"{x:{y!r:}}"', "f'{a:=1}'", "f'{lambda:1}'", "f'{x:{y=}}'", "f'{\"a\"\"b\"}'"]
lines = []
for e in errors:
    try:
        compile(e, "<s>", "exec")
        got = "OK"
    except SyntaxError as ex:
        got = f"{ex.msg} @{ex.lineno}:{ex.offset}"
    lines.append(f"{e} => {got}")
with open("errors.txt", "w", encoding="utf-8") as f:
    f.write("\n".join(lines) + "\n")
