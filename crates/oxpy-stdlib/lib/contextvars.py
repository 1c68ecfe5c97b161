"""Context Variables (PEP 567).

oxpy: a Python version of CPython's _contextvars (C) for one context per thread: get, set
and reset with tokens, copy_context() snapshots and Context.run().
"""

import _thread

__all__ = ('Context', 'ContextVar', 'Token', 'copy_context')

_MISSING = object()
_local = {}


def _current():
    ident = _thread.get_ident()
    ctx = _local.get(ident)
    if ctx is None:
        ctx = _local[ident] = Context()
    return ctx


class Context:
    """A mapping of context variables to their values."""

    def __init__(self):
        self._data = {}
        self._prev = None
        self._entered = False

    def run(self, callable, /, *args, **kwargs):
        if self._entered:
            raise RuntimeError(
                f'cannot enter context: {self} is already entered')
        ident = _thread.get_ident()
        self._prev = _local.get(ident)
        self._entered = True
        _local[ident] = self
        try:
            return callable(*args, **kwargs)
        finally:
            _local[ident] = self._prev
            self._prev = None
            self._entered = False

    def copy(self):
        new = Context()
        new._data = dict(self._data)
        return new

    def __getitem__(self, var):
        if not isinstance(var, ContextVar):
            raise TypeError(f"a ContextVar key was expected, got {var!r}")
        return self._data[var]

    def get(self, var, default=None):
        if not isinstance(var, ContextVar):
            raise TypeError(f"a ContextVar key was expected, got {var!r}")
        return self._data.get(var, default)

    def __contains__(self, var):
        return var in self._data

    def __len__(self):
        return len(self._data)

    def __iter__(self):
        return iter(self._data)

    def keys(self):
        return self._data.keys()

    def values(self):
        return self._data.values()

    def items(self):
        return self._data.items()


def copy_context():
    """Return a copy of the current Context."""
    return _current().copy()


class ContextVar:
    """A context variable."""

    __slots__ = ('_name', '_default')

    def __init__(self, name, *, default=_MISSING):
        if not isinstance(name, str):
            raise TypeError("context variable name must be a str")
        self._name = name
        self._default = default

    def __init_subclass__(cls, **kwargs):
        raise TypeError("type 'ContextVar' is not an acceptable base type")

    @property
    def name(self):
        return self._name

    def get(self, *args):
        ctx = _current()
        try:
            return ctx._data[self]
        except KeyError:
            pass
        if args:
            return args[0]
        if self._default is not _MISSING:
            return self._default
        raise LookupError(self)

    def set(self, value):
        ctx = _current()
        data = ctx._data
        old = data.get(self, Token.MISSING)
        data[self] = value
        return Token(ctx, self, old)

    def reset(self, token):
        if token._used:
            raise RuntimeError("Token has already been used once")
        if token._var is not self:
            raise ValueError("Token was created by a different ContextVar")
        ctx = _current()
        if token._ctx is not ctx:
            raise ValueError("Token was created in a different Context")
        if token._old_value is Token.MISSING:
            ctx._data.pop(self, None)
        else:
            ctx._data[self] = token._old_value
        token._used = True

    def __repr__(self):
        r = '<ContextVar name={!r}'.format(self._name)
        if self._default is not _MISSING:
            r += ' default={!r}'.format(self._default)
        return r + ' at 0x{:x}>'.format(id(self))

    def __hash__(self):
        return object.__hash__(self)


class Token:
    """A token returned by ContextVar.set()."""

    MISSING = object()

    def __init__(self, ctx, var, old_value):
        self._ctx = ctx
        self._var = var
        self._old_value = old_value
        self._used = False

    @property
    def var(self):
        return self._var

    @property
    def old_value(self):
        return self._old_value

    def __repr__(self):
        r = '<Token '
        if self._used:
            r += ' used'
        r += ' var={!r} at 0x{:x}>'.format(self._var, id(self))
        return r


for _cls in (Context, ContextVar, Token):
    _cls.__module__ = '_contextvars'
del _cls
