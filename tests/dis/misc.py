import os
import os.path
import a.b.c as d
from sys import argv, path as p
from . import rel
from ..pkg import *
assert x, 'message'
assert y
global_var: int = 5
name = f"hello {name}!"
fmt = f"{x!r:>10} {y:{w}}"
cmp = a < b < c
ident = a is not None
member = a not in b
def gen():
    yield 1
    x = yield
    yield from other()
def uses_global():
    global counter
    counter += 1
