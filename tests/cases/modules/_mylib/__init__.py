"""Helper package for modules/ cases (not a case itself)."""
print("init _mylib, __name__ =", __name__)
VERSION = (1, 2)
__all__ = ["public", "VERSION"]
from .util import helper as public
_private = "hidden"
also_not_in_all = "x"
