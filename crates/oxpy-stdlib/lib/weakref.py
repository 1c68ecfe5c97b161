"""Weak reference support (oxpy): the containers and finalize over _weakref.ref."""

from _weakref import (ref, proxy, getweakrefcount, getweakrefs,
                      ReferenceType, ProxyType, CallableProxyType)

ProxyTypes = (ProxyType, CallableProxyType)

__all__ = ["ref", "proxy", "getweakrefcount", "getweakrefs",
           "WeakKeyDictionary", "ReferenceType", "ProxyType",
           "CallableProxyType", "ProxyTypes", "WeakValueDictionary",
           "WeakSet", "WeakMethod", "finalize"]


class WeakMethod:
    """A weak reference to a bound method: dead when the object or the function dies."""

    def __init__(self, meth, callback=None):
        try:
            obj = meth.__self__
            func = meth.__func__
        except AttributeError:
            raise TypeError("argument should be a bound method, not {}"
                            .format(type(meth))) from None
        self._obj_ref = ref(obj, callback and (lambda r: callback(self)))
        self._func = func

    def __call__(self):
        obj = self._obj_ref()
        if obj is None:
            return None
        name = getattr(self._func, "__name__", None)
        bound = getattr(obj, name, None) if name else None
        if bound is not None and getattr(bound, "__func__", None) is self._func:
            return bound
        return None

    def __eq__(self, other):
        if isinstance(other, WeakMethod):
            return self() == other() if self() is not None else self is other
        return NotImplemented

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    def __hash__(self):
        return hash((self._obj_ref, self._func))


class WeakValueDictionary:
    """Mapping whose values are weakly referenced; entries vanish with their values."""

    def __init__(self, other=(), **kw):
        self.data = {}
        def remove(wr, selfref=ref(self)):
            self = selfref()
            if self is not None:
                d = self.data
                if d.get(wr.key) is wr:
                    del d[wr.key]
        self._remove = remove
        self.update(other, **kw)

    def __getitem__(self, key):
        o = self.data[key]()
        if o is None:
            raise KeyError(key)
        return o

    def __setitem__(self, key, value):
        self.data[key] = _KeyedRef(value, self._remove, key)

    def __delitem__(self, key):
        del self.data[key]

    def __len__(self):
        return sum(1 for wr in list(self.data.values()) if wr() is not None)

    def __contains__(self, key):
        try:
            o = self.data[key]()
        except KeyError:
            return False
        return o is not None

    def __repr__(self):
        return "<%s at %#x>" % (self.__class__.__name__, id(self))

    def get(self, key, default=None):
        try:
            wr = self.data[key]
        except KeyError:
            return default
        o = wr()
        return default if o is None else o

    def pop(self, key, *args):
        try:
            o = self.data.pop(key)()
        except KeyError:
            o = None
        if o is None:
            if args:
                return args[0]
            raise KeyError(key)
        return o

    def setdefault(self, key, default=None):
        o = self.get(key)
        if o is None:
            self[key] = default
            return default
        return o

    def update(self, other=None, **kw):
        if other is not None:
            if not hasattr(other, "items"):
                other = dict(other)
            for k, v in other.items():
                self[k] = v
        for k, v in kw.items():
            self[k] = v

    def items(self):
        out = []
        for k, wr in list(self.data.items()):
            v = wr()
            if v is not None:
                out.append((k, v))
        return out

    def keys(self):
        return [k for k, v in self.items()]

    def values(self):
        return [v for k, v in self.items()]

    def __iter__(self):
        return iter(self.keys())

    def valuerefs(self):
        return list(self.data.values())

    def copy(self):
        n = WeakValueDictionary()
        for k, v in self.items():
            n[k] = v
        return n

    def clear(self):
        self.data.clear()


class _KeyedRef:
    """A weak reference to a value that remembers its key (CPython's KeyedRef subclasses
    ref; oxpy cannot subclass ref yet)."""

    __slots__ = ("ref", "key", "__weakref__")

    def __init__(self, value, callback, key):
        me = ref(self)
        def cb(wr):
            k = me()
            if k is not None:
                callback(k)
        self.ref = ref(value, cb)
        self.key = key

    def __call__(self):
        return self.ref()


class WeakKeyDictionary:
    """Mapping whose keys are weakly referenced; entries vanish with their keys."""

    def __init__(self, dict=None):
        self.data = {}
        def remove(k, selfref=ref(self)):
            self = selfref()
            if self is not None:
                try:
                    del self.data[k]
                except KeyError:
                    pass
        self._remove = remove
        if dict is not None:
            self.update(dict)

    def __delitem__(self, key):
        del self.data[ref(key)]

    def __getitem__(self, key):
        return self.data[ref(key)]

    def __len__(self):
        return len(self.data)

    def __repr__(self):
        return "<%s at %#x>" % (self.__class__.__name__, id(self))

    def __setitem__(self, key, value):
        self.data[ref(key, self._remove)] = value

    def __contains__(self, key):
        try:
            wr = ref(key)
        except TypeError:
            return False
        return wr in self.data

    def get(self, key, default=None):
        return self.data.get(ref(key), default)

    def items(self):
        out = []
        for wr, value in list(self.data.items()):
            key = wr()
            if key is not None:
                out.append((key, value))
        return out

    def keys(self):
        return [k for k, v in self.items()]

    def values(self):
        return [v for k, v in self.items()]

    def __iter__(self):
        return iter(self.keys())

    def pop(self, key, *args):
        return self.data.pop(ref(key), *args)

    def setdefault(self, key, default=None):
        return self.data.setdefault(ref(key, self._remove), default)

    def update(self, dict=None, **kwargs):
        if dict is not None:
            if not hasattr(dict, "items"):
                dict = type({})(dict)
            for key, value in dict.items():
                self[key] = value
        if len(kwargs):
            self.update(kwargs)


class WeakSet:
    """Set whose elements are weakly referenced."""

    def __init__(self, data=None):
        self.data = set()
        def _remove(item, selfref=ref(self)):
            self = selfref()
            if self is not None:
                self.data.discard(item)
        self._remove = _remove
        if data is not None:
            for x in data:
                self.add(x)

    def __iter__(self):
        for itemref in list(self.data):
            item = itemref()
            if item is not None:
                yield item

    def __len__(self):
        return len(self.data)

    def __contains__(self, item):
        try:
            wr = ref(item)
        except TypeError:
            return False
        return wr in self.data

    def add(self, item):
        self.data.add(ref(item, self._remove))

    def discard(self, item):
        self.data.discard(ref(item))

    def remove(self, item):
        self.data.remove(ref(item))

    def clear(self):
        self.data.clear()

    def __repr__(self):
        return "{%s}" % ", ".join(repr(x) for x in self)


class finalize:
    """Call func(*args, **kwargs) when obj is garbage collected (at most once).

    Pending finalizers whose ``atexit`` attribute is true run at interpreter exit, newest
    first, from an ``atexit`` callback registered when the first finalizer is made."""

    _registry = {}
    _index = [0]
    _shutdown = False
    _registered_with_atexit = False

    def __init__(self, obj, func, /, *args, **kwargs):
        if not finalize._registered_with_atexit:
            import atexit
            atexit.register(finalize._exitfunc)
            finalize._registered_with_atexit = True
        info = [func, args, kwargs or None, True, True]
        self._info = info
        self._key = finalize._index[0]
        finalize._index[0] += 1
        me = ref(self)
        def cb(wr):
            f = me()
            if f is not None:
                f()
        self._ref = ref(obj, cb)
        finalize._registry[self._key] = self

    def __call__(self, _=None):
        """Call the finalizer if still alive; return its result, else None."""
        info = self._info
        if info[3] and not finalize._shutdown:
            info[3] = False
            finalize._registry.pop(self._key, None)
            func, args, kwargs = info[0], info[1], info[2] or {}
            return func(*args, **kwargs)
        return None

    def detach(self):
        info = self._info
        obj = self._ref()
        if obj is not None and info[3]:
            info[3] = False
            finalize._registry.pop(self._key, None)
            return (obj, info[0], info[1], info[2] or {})
        return None

    def peek(self):
        info = self._info
        obj = self._ref()
        if obj is not None and info[3]:
            return (obj, info[0], info[1], info[2] or {})
        return None

    @property
    def alive(self):
        return self._info[3]

    @property
    def atexit(self):
        """Whether finalizer should be called at exit"""
        return self._info[4]

    @atexit.setter
    def atexit(self, value):
        self._info[4] = bool(value)

    def __repr__(self):
        obj = self._ref()
        if obj is None:
            return "<%s object at %#x; dead>" % (type(self).__name__, id(self))
        return "<%s object at %#x; for %r at %#x>" % (
            type(self).__name__, id(self), type(obj).__name__, id(obj))

    @staticmethod
    def _exitfunc():
        # Pending finalizers marked atexit, newest first (CPython's `_exitfunc`).
        try:
            while True:
                pending = [f for k, f in sorted(finalize._registry.items())
                           if f._info[3] and f._info[4]]
                if not pending:
                    break
                f = pending[-1]
                try:
                    f()
                except Exception:
                    import sys
                    sys.excepthook(*sys.exc_info())
                finalize._registry.pop(f._key, None)
        finally:
            finalize._shutdown = True
