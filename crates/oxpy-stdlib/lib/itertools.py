"""Functional tools for creating and using iterators.

oxpy: the iterators are native (_oxpy_itertools, CPython's Modules/itertoolsmodule.c);
this module re-exports them and gives `chain` its `from_iterable` alternate constructor.
"""

from _oxpy_itertools import *
from _oxpy_itertools import chain as _chain, _chain_from_iterable


def chain(*iterables):
    """Return a chain object whose .__next__() method returns elements from the
first iterable until it is exhausted, then elements from the next
iterable, until all of the iterables are exhausted."""
    return _chain(*iterables)


chain.from_iterable = _chain_from_iterable
