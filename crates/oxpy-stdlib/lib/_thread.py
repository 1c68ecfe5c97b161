"""This module provides primitive operations to write multi-threaded programs.
The 'threading' module provides a more convenient interface."""
# oxpy: the lock types are Python classes over the native primitives of _oxpy_thread
# (crates/oxpy-stdlib/src/thread.rs); CPython writes them in C (Modules/_threadmodule.c).

import _oxpy_thread as _t

error = RuntimeError
TIMEOUT_MAX = _t.TIMEOUT_MAX
get_ident = _t.get_ident
get_native_id = _t.get_native_id
_print_exception = _t.print_exception


def _count():
    """Return the number of currently running Python threads, excluding
    the main thread."""
    return _t.count()


def start_new_thread(function, args, kwargs=None, /):
    """Start a new thread and return its identifier.

    The thread will call the function with positional arguments from the
    tuple args and keyword arguments taken from the optional dictionary
    kwargs.  The thread exits when the function returns; the return value
    is ignored.  The thread will also exit when the function raises an
    unhandled exception; a stack trace will be printed unless the exception
    is SystemExit.
    """
    if not isinstance(args, tuple):
        raise TypeError("2nd arg must be a tuple")
    if kwargs is not None and not isinstance(kwargs, dict):
        raise TypeError("optional 3rd arg must be a dictionary")
    if not callable(function):
        raise TypeError("first arg must be callable")
    if kwargs is None:
        kwargs = {}

    def bootstrap():
        function(*args, **kwargs)

    return _t.start(bootstrap, function)

start_new = start_new_thread


def _timeout_arg(blocking, timeout):
    if timeout != -1 and not blocking:
        raise ValueError("can't specify a timeout for a non-blocking call")
    if timeout < 0 and timeout != -1:
        raise ValueError("timeout value must be a non-negative number")
    if timeout > TIMEOUT_MAX:
        raise OverflowError("timeout value is too large")


class LockType:
    """A lock object is a synchronization primitive.  To create a lock,
call threading.Lock().  Methods are:

acquire() -- lock the lock, possibly blocking until it can be obtained
release() -- unlock of the lock
locked() -- test whether the lock is currently locked

A lock is not owned by the thread that locked it; another thread may
unlock it.  A thread attempting to lock a lock that it has already locked
will block until another thread unlocks it.  Deadlocks may ensue."""

    __slots__ = ('_h', '__weakref__')

    def __init__(self):
        object.__setattr__(self, '_h', _t.lock_new())

    def acquire(self, blocking=True, timeout=-1):
        _timeout_arg(blocking, timeout)
        return _t.lock_acquire(self._h, blocking, timeout)

    acquire_lock = acquire

    def __enter__(self):
        return _t.lock_acquire(self._h, True, -1)

    def release(self):
        _t.lock_release(self._h)

    release_lock = release

    def __exit__(self, t, v, tb):
        _t.lock_release(self._h)

    def locked(self):
        return _t.lock_locked(self._h)

    locked_lock = locked

    def _at_fork_reinit(self):
        object.__setattr__(self, '_h', _t.lock_new())

    # The native free is bound at definition: at interpreter exit the module's globals are
    # cleared before the last locks die (a C lock type has no such dependency).
    def __del__(self, _lock_free=_t.lock_free):
        _lock_free(self._h)

    def __repr__(self):
        state = 'locked' if self.locked() else 'unlocked'
        return f'<{state} _thread.lock object at {hex(id(self))}>'


LockType.__module__ = '_thread'
LockType.__name__ = 'lock'
LockType.__qualname__ = 'lock'


def allocate_lock():
    """Create a new lock object. See help(type(threading.Lock())) for
information about locks."""
    return LockType()

allocate = allocate_lock


class RLock:
    __slots__ = ('_block', '_owner', '_count', '__weakref__')

    def __init__(self):
        object.__setattr__(self, '_block', LockType())
        object.__setattr__(self, '_owner', None)
        object.__setattr__(self, '_count', 0)

    def acquire(self, blocking=True, timeout=-1):
        """Lock the lock.  `blocking` indicates whether we should wait
        for the lock to be available or not.  If `blocking` is False
        and another thread holds the lock, the method will return False
        immediately.  If `blocking` is True and another thread holds
        the lock, the method will wait for the lock to be released,
        take it and then return True.
        (note: the blocking operation is interruptible.)

        In all other cases, the method will return True immediately.
        Precisely, if the current thread already holds the lock, its
        internal counter is simply incremented. If nobody holds the lock,
        the lock is taken and its internal counter initialized to 1."""
        me = get_ident()
        if self._owner == me:
            object.__setattr__(self, '_count', self._count + 1)
            return True
        if not self._block.acquire(blocking, timeout):
            return False
        object.__setattr__(self, '_owner', me)
        object.__setattr__(self, '_count', 1)
        return True

    __enter__ = acquire

    def release(self):
        """Release the lock, allowing another thread that is blocked waiting for
        the lock to acquire the lock.  The lock must be in the locked state,
        and must be locked by the same thread that unlocks it; otherwise a
        `RuntimeError` is raised.

        Do note that if the lock was acquire()d several times in a row by the
        current thread, release() needs to be called as many times for the lock
        to be available for other threads."""
        if self._owner != get_ident() or self._count == 0:
            raise RuntimeError("cannot release un-acquired lock")
        count = self._count - 1
        object.__setattr__(self, '_count', count)
        if not count:
            object.__setattr__(self, '_owner', None)
            self._block.release()

    def __exit__(self, t, v, tb):
        self.release()

    def _is_owned(self):
        return self._owner == get_ident()

    def _release_save(self):
        if self._count == 0:
            raise RuntimeError("cannot release un-acquired lock")
        state = (self._count, self._owner)
        object.__setattr__(self, '_count', 0)
        object.__setattr__(self, '_owner', None)
        self._block.release()
        return state

    def _acquire_restore(self, state):
        self._block.acquire()
        object.__setattr__(self, '_count', state[0])
        object.__setattr__(self, '_owner', state[1])

    def _at_fork_reinit(self):
        self._block._at_fork_reinit()
        object.__setattr__(self, '_owner', None)
        object.__setattr__(self, '_count', 0)

    def __repr__(self):
        return "<%s %s.%s object owner=%r count=%d at %s>" % (
            "locked" if self._block.locked() else "unlocked",
            self.__class__.__module__,
            self.__class__.__qualname__,
            self._owner,
            self._count,
            hex(id(self))
        )


RLock.__module__ = '_thread'


class _local:
    """Thread-local data"""

    __slots__ = ('_local__dicts', '__weakref__')

    def __init__(self, *args, **kw):
        if (args or kw) and (type(self).__init__ is _local.__init__):
            raise TypeError("Initialization arguments are not supported")
        object.__setattr__(self, '_local__dicts', {})

    def _local__dict(self):
        dicts = object.__getattribute__(self, '_local__dicts')
        me = get_ident()
        d = dicts.get(me)
        if d is None:
            d = dicts[me] = {}
        return d

    def __getattribute__(self, name):
        if name in ('_local__dicts', '_local__dict', '__class__', '__dict__'):
            if name == '__dict__':
                return _local._local__dict(self)
            return object.__getattribute__(self, name)
        d = _local._local__dict(self)
        if name in d:
            return d[name]
        return object.__getattribute__(self, name)

    def __setattr__(self, name, value):
        if name == '__dict__':
            raise AttributeError(
                "%r object attribute '__dict__' is read-only"
                % self.__class__.__name__)
        _local._local__dict(self)[name] = value

    def __delattr__(self, name):
        if name == '__dict__':
            raise AttributeError(
                "%r object attribute '__dict__' is read-only"
                % self.__class__.__name__)
        d = _local._local__dict(self)
        if name not in d:
            raise AttributeError(name)
        del d[name]


_local.__module__ = '_thread'
_local.__name__ = '_local'
