"""oxpy: the structured attributes of sys (version_info, flags, float_info, int_info,
hash_info, thread_info, implementation), made on first use as CPython's struct sequences
show them, and the frame snapshots sys._getframe returns."""

import sys
import _oxpy_posix


class _StructSeq(tuple):
    """A struct sequence: a tuple whose items also have names (PyStructSequence)."""

    __slots__ = ()
    _fields = ()
    _name = ""

    def __new__(cls, values):
        values = tuple(values)
        if len(values) != len(cls._fields):
            raise TypeError("%s() takes a %d-sequence (%d-sequence given)"
                            % (cls._name, len(cls._fields), len(values)))
        return tuple.__new__(cls, values)

    def __repr__(self):
        return "%s(%s)" % (self._name, ", ".join(
            "%s=%r" % (n, v) for n, v in zip(self._fields, self)))

    def __reduce__(self):
        return (type(self), (tuple(self),))

    def __setattr__(self, name, value):
        raise AttributeError("readonly attribute")


def _structseq(name, fields, values):
    ns = {"__slots__": (), "_fields": tuple(fields), "_name": name,
          "n_sequence_fields": len(fields), "n_fields": len(fields),
          "n_unnamed_fields": 0, "__match_args__": tuple(fields)}
    for i, f in enumerate(fields):
        ns[f] = property(lambda self, i=i: tuple.__getitem__(self, i))
    cls = type(name.rpartition(".")[2], (_StructSeq,), ns)
    cls.__module__ = name.rpartition(".")[0]
    cls.__new__  # keep the constructor reachable as type(sys.flags)(...)
    return cls(values)


_env = _oxpy_posix.environ()
_cli = _oxpy_posix.cli_flags()

version_info = _structseq(
    "sys.version_info", ("major", "minor", "micro", "releaselevel", "serial"),
    (3, 11, 7, "final", 0))

flags = _structseq(
    "sys.flags",
    ("debug", "inspect", "interactive", "optimize", "dont_write_bytecode",
     "no_user_site", "no_site", "ignore_environment", "verbose", "bytes_warning",
     "quiet", "hash_randomization", "isolated", "dev_mode", "utf8_mode",
     "warn_default_encoding", "safe_path", "int_max_str_digits"),
    (0, _cli.get("inspect", 0), _cli.get("interactive", 0), _cli.get("optimize", 0),
     1 if _cli.get("dont_write_bytecode") or (
         _env.get("PYTHONDONTWRITEBYTECODE") and not _cli.get("ignore_environment")) else 0,
     _cli.get("no_user_site", 0), _cli.get("no_site", 0), _cli.get("ignore_environment", 0),
     0, _cli.get("bytes_warning", 0), _cli.get("quiet", 0),
     0 if _env.get("PYTHONHASHSEED") == "0" else 1, _cli.get("isolated", 0), False, 0, 0,
     bool(_cli.get("safe_path", 0)), -1))

float_info = _structseq(
    "sys.float_info",
    ("max", "max_exp", "max_10_exp", "min", "min_exp", "min_10_exp", "dig", "mant_dig",
     "epsilon", "radix", "rounds"),
    (1.7976931348623157e+308, 1024, 308, 2.2250738585072014e-308, -1021, -307, 15, 53,
     2.220446049250313e-16, 2, 1))

int_info = _structseq(
    "sys.int_info",
    ("bits_per_digit", "sizeof_digit", "default_max_str_digits", "str_digits_check_threshold"),
    (30, 4, 4300, 640))

hash_info = _structseq(
    "sys.hash_info",
    ("width", "modulus", "inf", "nan", "imag", "algorithm", "hash_bits", "seed_bits",
     "cutoff"),
    (64, 2305843009213693951, 314159, 0, 1000003, "siphash13", 64, 128, 0))

thread_info = _structseq(
    "sys.thread_info", ("name", "lock", "version"), ("pthread", "semaphore", "NPTL 2.36"))


class _Implementation:
    """sys.implementation (a types.SimpleNamespace in CPython)."""

    def __init__(self, **kw):
        self.__dict__.update(kw)

    def __repr__(self):
        return "namespace(%s)" % ", ".join(
            "%s=%r" % kv for kv in self.__dict__.items())


implementation = _Implementation(
    name="cpython", cache_tag="cpython-311", version=version_info,
    hexversion=sys.hexversion, _multiarch="x86_64-linux-gnu")


class _Code:
    """The part of a code object a frame snapshot exposes."""

    def __init__(self, code, filename, name):
        self._code = code
        self.co_filename = filename
        self.co_name = name

    def __getattr__(self, name):
        return getattr(self._code, name)


class _Frame:
    """A snapshot of a running frame, as sys._getframe() returns it in oxpy."""

    def __init__(self, f_globals, f_locals, code, filename, name, f_lineno, func, f_back):
        self.f_globals = f_globals
        self._locals = f_locals
        self.f_code = _Code(code, filename, name)
        self.f_lineno = f_lineno
        self.f_back = f_back
        self.f_builtins = f_globals.get("__builtins__")

    @property
    def f_locals(self):
        return self._locals if self._locals is not None else {}

    def __repr__(self):
        return "<frame, file %r, line %d, code %s>" % (
            self.f_code.co_filename, self.f_lineno, self.f_code.co_name)


for _name in ("version_info", "flags", "float_info", "int_info", "hash_info",
              "thread_info", "implementation"):
    setattr(sys, _name, globals()[_name])
del _name
try:
    del sys.__getattr__
except AttributeError:
    pass
