#!/usr/bin/env python3
"""Record ast.dump of one small tree (built by hand in tests/dump.rs) in several layouts.

Run with CPython 3.11: python3 gen-dump-cases.py > dump_cases.json
"""
import ast
import json
import sys

assert sys.version_info[:2] == (3, 11)
tree = ast.parse('f"{x!r:>3}"\n1.5', type_comments=True)
cases = [
    {"indent": indent, "attributes": attrs, "dump": ast.dump(tree, include_attributes=attrs, indent=indent)}
    for indent, attrs in [(None, False), (3, False), (0, False), (2, True), (None, True)]
]
json.dump(cases, sys.stdout, indent=1)
