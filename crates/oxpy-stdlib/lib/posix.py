"""oxpy's posix: the operating system calls CPython's posix module (C) provides, over the
native _oxpy_posix module; stat results are os.stat_result structures."""

import _oxpy_posix
from _oxpy_posix import (open, close, read, write, lseek, isatty, ftruncate, unlink,
                         mkdir, rmdir, rename, chdir, getcwd, access, getpid, kill, strerror,
                         urandom, _exit,
                         O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_NOCTTY, O_TRUNC,
                         O_APPEND, O_NONBLOCK, O_CLOEXEC, F_OK, R_OK, W_OK, X_OK)

remove = unlink
error = OSError
environ = _oxpy_posix.environ()
_have_functions = []


def fspath(path):
    """Return the file system path representation of the object."""
    if isinstance(path, (str, bytes)):
        return path
    path_type = type(path)
    try:
        path_repr = path_type.__fspath__(path)
    except AttributeError:
        if hasattr(path_type, '__fspath__'):
            raise
        raise TypeError("expected str, bytes or os.PathLike object, not "
                        + path_type.__name__)
    if isinstance(path_repr, (str, bytes)):
        return path_repr
    raise TypeError("expected {}.__fspath__() to return str or bytes, not {}"
                    .format(path_type.__name__, type(path_repr).__name__))


class stat_result(tuple):
    """stat_result: Result from stat, fstat, or lstat."""

    n_sequence_fields = 10
    n_fields = 19
    n_unnamed_fields = 3
    _names = ('st_mode', 'st_ino', 'st_dev', 'st_nlink', 'st_uid', 'st_gid',
              'st_size', 'st_atime', 'st_mtime', 'st_ctime')

    def __new__(cls, values):
        self = tuple.__new__(cls, values[:7] + tuple(int(t) for t in values[7:10]))
        self._extra = values
        return self

    st_mode = property(lambda self: self[0])
    st_ino = property(lambda self: self[1])
    st_dev = property(lambda self: self[2])
    st_nlink = property(lambda self: self[3])
    st_uid = property(lambda self: self[4])
    st_gid = property(lambda self: self[5])
    st_size = property(lambda self: self[6])
    st_atime = property(lambda self: self._extra[7])
    st_mtime = property(lambda self: self._extra[8])
    st_ctime = property(lambda self: self._extra[9])
    st_atime_ns = property(lambda self: self._extra[10])
    st_mtime_ns = property(lambda self: self._extra[11])
    st_ctime_ns = property(lambda self: self._extra[12])

    def __repr__(self):
        return "os.stat_result(" + ", ".join(
            "%s=%r" % (n, v) for n, v in zip(self._names, self)) + ")"

    def __reduce__(self):
        return (stat_result, (tuple(self),))


stat_result.__module__ = "os"


def stat(path, *, dir_fd=None, follow_symlinks=True):
    """Perform a stat system call on the given path."""
    if isinstance(path, int):
        return stat_result(_oxpy_posix.fstat(path))
    path = fspath(path)
    if follow_symlinks:
        return stat_result(_oxpy_posix.stat(path))
    return stat_result(_oxpy_posix.lstat(path))


def lstat(path, *, dir_fd=None):
    """Perform a stat system call on the given path, without following symbolic links."""
    return stat_result(_oxpy_posix.lstat(fspath(path)))


def fstat(fd):
    """Perform a stat system call on the given file descriptor."""
    return stat_result(_oxpy_posix.fstat(fd))


def listdir(path=None):
    """Return a list containing the names of the files in the directory."""
    if path is None:
        path = "."
    path = fspath(path)
    if isinstance(path, bytes):
        return [n.encode() for n in _oxpy_posix.listdir(path)]
    return _oxpy_posix.listdir(path)


def getcwdb():
    """Return a bytes string representing the current working directory."""
    return getcwd().encode()
