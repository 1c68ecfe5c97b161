"""Abstract Base Classes (ABCs) according to PEP 3119."""
# oxpy: CPython 3.11 Lib/abc.py's decorators and an ABCMeta after _py_abc (without its weak
# caches). ABC keeps a __new__ that refuses to instantiate a class that still has abstract
# methods, with object_new's message (object.__new__ does not check them in oxpy yet).


def abstractmethod(funcobj):
    """A decorator indicating abstract methods.

    Requires that the metaclass is ABCMeta or derived from it.  A
    class that has a metaclass derived from ABCMeta cannot be
    instantiated unless all of its abstract methods are overridden.
    The abstract methods can be called using any of the normal
    'super' call mechanisms.  abstractmethod() may be used to declare
    abstract methods for properties and descriptors.
    """
    funcobj.__isabstractmethod__ = True
    return funcobj


def abstractclassmethod(callable):
    """A decorator indicating abstract classmethods (a function: oxpy cannot subclass
    classmethod yet)."""
    callable.__isabstractmethod__ = True
    return classmethod(callable)


def abstractstaticmethod(callable):
    """A decorator indicating abstract staticmethods (a function: oxpy cannot subclass
    staticmethod yet)."""
    callable.__isabstractmethod__ = True
    return staticmethod(callable)


def _compute_abstracts(cls):
    abstracts = {name
                 for name, value in cls.__dict__.items()
                 if getattr(value, "__isabstractmethod__", False)}
    for base in cls.__mro__[1:]:
        for name in getattr(base, "__abstractmethods__", ()):
            value = getattr(cls, name, None)
            if getattr(value, "__isabstractmethod__", False):
                abstracts.add(name)
    cls.__abstractmethods__ = frozenset(abstracts)


def update_abstractmethods(cls):
    """Recalculate the set of abstract methods of an abstract class."""
    if hasattr(cls, '__abstractmethods__'):
        _compute_abstracts(cls)
    return cls


_invalidation_counter = 0


def get_cache_token():
    """Returns the current ABC cache token."""
    return _invalidation_counter


class ABCMeta(type):
    """Metaclass for defining Abstract Base Classes (ABCs).

    oxpy: CPython's _py_abc.ABCMeta without the weak caches: register() records virtual
    subclasses that isinstance()/issubclass() consult, and __subclasshook__ is honoured.
    """

    def __new__(mcls, name, bases, namespace, /, **kwargs):
        cls = super().__new__(mcls, name, bases, namespace, **kwargs)
        _compute_abstracts(cls)
        cls._abc_registry = []
        return cls

    def register(cls, subclass):
        """Register a virtual subclass of an ABC."""
        global _invalidation_counter
        if not isinstance(subclass, type):
            raise TypeError("Can only register classes")
        if issubclass(subclass, cls):
            return subclass
        if issubclass(cls, subclass):
            raise RuntimeError("Refusing to create an inheritance cycle")
        # oxpy: no type.__subclasses__() yet, so the virtual subclass is recorded on every
        # ABC this one derives from (what CPython finds by walking their subclasses).
        for base in cls.__mro__:
            registry = base.__dict__.get('_abc_registry')
            if registry is not None and isinstance(base, ABCMeta) and subclass not in registry:
                registry.append(subclass)
        _invalidation_counter += 1
        return subclass

    def __instancecheck__(cls, instance):
        return cls.__subclasscheck__(type(instance))

    def __subclasscheck__(cls, subclass):
        if not isinstance(subclass, type):
            raise TypeError('issubclass() arg 1 must be a class')
        if cls in getattr(subclass, '__mro__', ()):
            return True
        hook = getattr(cls, '__subclasshook__', None)
        if hook is not None:
            ok = hook(subclass)
            if ok is not NotImplemented:
                return bool(ok)
        for rcls in cls.__dict__.get('_abc_registry', ()):
            if issubclass(subclass, rcls):
                return True
        return False


class ABC(metaclass=ABCMeta):
    """Helper class that provides a standard way to create an ABC using
    inheritance.
    """
    __slots__ = ()

    def __init_subclass__(cls, /, **kwargs):
        super().__init_subclass__(**kwargs)
        _compute_abstracts(cls)
        cls._abc_registry = []

    def __new__(cls, /, *args, **kwargs):
        abstracts = cls.__dict__.get('__abstractmethods__')
        if abstracts is None:
            _compute_abstracts(cls)
            abstracts = cls.__abstractmethods__
        if abstracts:
            names = sorted(abstracts)
            raise TypeError(
                f"Can't instantiate abstract class {cls.__name__} with abstract "
                f"method{'s' if len(names) > 1 else ''} {', '.join(names)}")
        return object.__new__(cls)


ABC.__abstractmethods__ = frozenset()
