#!/usr/bin/env python3
"""Export CPython 3.11's AST of a file in the compact form tests/support/ast_reader.rs
reads, so the compiler can be tested on real programs independently of oxpy's parser.
Usage: python3 export_ast.py FILE.py > FILE.ast"""
import ast, json, struct, sys

def f2h(x):
    return struct.pack('>d', x).hex()

def const(v):
    if v is None: return 'N'
    if v is True: return 'T'
    if v is False: return 'F'
    if v is ...: return 'E'
    if isinstance(v, int): return 'I' + str(v)
    if isinstance(v, float): return 'D' + f2h(v)
    if isinstance(v, complex): return 'C' + f2h(v.real) + ':' + f2h(v.imag)
    if isinstance(v, str): return 'S' + json.dumps(v)
    if isinstance(v, bytes): return 'B' + (v.hex() or '-')
    raise TypeError(type(v))

def out(v):
    if isinstance(v, ast.AST):
        parts = [type(v).__name__]
        for f in v._fields:
            x = getattr(v, f, None)
            if f == 'value' and isinstance(v, (ast.Constant, ast.MatchSingleton)):
                parts.append(const(x))
            else:
                parts.append(out(x))
        if 'lineno' in v._attributes:
            parts.append('@%d:%d:%d:%d' % (v.lineno, v.col_offset, v.end_lineno, v.end_col_offset))
        return '(' + ' '.join(parts) + ')'
    if isinstance(v, list):
        return '[' + ' '.join(out(x) for x in v) + ']'
    if v is None: return '~'
    if isinstance(v, str): return json.dumps(v)
    if isinstance(v, int): return '#' + str(v)
    raise TypeError(type(v))

if __name__ == "__main__":
    src = open(sys.argv[1], encoding="utf-8").read()
    print(out(ast.parse(src, sys.argv[1])))
