#!/usr/bin/env python3
"""Record compile-time SyntaxErrors from python3 for tests/compile_errors.rs:
each case's source, CPython's AST of it (export_ast format) and the error attributes.
Usage: python3 record_errors.py > ../data/errors.txt"""
import ast, os, sys
sys.path.insert(0, os.path.dirname(__file__))
from importlib.machinery import SourceFileLoader
exp = SourceFileLoader("export_ast", os.path.join(os.path.dirname(__file__), "export_ast.py"))

CASES = [
    "return 1",
    "def f():\n    pass\nreturn",
    "break",
    "continue",
    "while x:\n    def f():\n        break",
    "for x in y:\n    class C:\n        continue",
    "yield 1",
    "x = yield",
    "class C:\n    yield 1",
    "await x",
    "def f():\n    await x",
    "def f(x):\n    global x",
    "def f(x):\n    nonlocal x",
    "def f():\n    nonlocal y",
    "nonlocal x",
    "def f():\n    x = 1\n    global x",
    "def f():\n    print(x)\n    global x",
    "def f():\n    x = 1\n    def g():\n        print(x)\n        nonlocal x",
    "def f():\n    x: int = 1\n    global x",
    "def f():\n    global x\n    nonlocal x",
    "def f(a, a):\n    pass",
    "f(a=1, a=2)",
    "try:\n    pass\nexcept:\n    pass\nexcept ValueError:\n    pass",
    "a, *b, *c = d",
    "*a = b",
    "print(*a if b else c)",
    "def f():\n    from os import *",
    "[(yield x) for x in y]",
    "def f():\n    return (yield from [x async for x in y])",
    "async def f():\n    yield from x",
    "async def f():\n    yield 1\n    return 2",
    "[x async for x in y]",
    "def f():\n    async for x in y:\n        pass",
    "def f():\n    async with x:\n        pass",
    "def f():\n    [await x for x in y]",
    "class C:\n    return 1",
    "def f():\n    class C:\n        nonlocal x",
    "def f():\n    x = 1\n    class C:\n        nonlocal x\n        x = 2",
    "def f():\n    yield from x\n    return 1",
    "lambda: (yield)",
    "def f():\n    try:\n        pass\n    finally:\n        continue",
    "for x in y:\n    try:\n        pass\n    finally:\n        break",
    "match x:\n    case y:\n        pass\n    case 1:\n        pass",
    "match x:\n    case _:\n        pass\n    case 1:\n        pass",
    "match x:\n    case [a, a]:\n        pass",
    "match x:\n    case [*a, *b]:\n        pass",
    "match x:\n    case {'k': 1, 'k': 2}:\n        pass",
    "match x:\n    case C(a=1, a=2):\n        pass",
    "match x:\n    case [a] | b:\n        pass",
]

for src in CASES:
    tree = ast.parse(src)
    try:
        compile(src, "<test>", "exec")
        err = "OK"
    except SyntaxError as e:
        err = f"{e.msg}|{e.lineno}|{e.offset}|{e.end_lineno}|{e.end_offset}"
    module = exp.load_module()
    print("=== case")
    print(src)
    print("--- ast")
    print(module.out(tree))
    print("--- error")
    print(err)
