# collections.abc recognises builtin containers structurally / by registration.
# Iterator requires __next__, so a list is not one.
from collections.abc import Mapping, Sequence, MutableMapping, Iterator, Callable
print(issubclass(dict, Mapping), issubclass(list, Sequence), issubclass(str, Sequence), issubclass(dict, MutableMapping))
print(isinstance(iter([]), Iterator), isinstance([], Iterator), isinstance(len, Callable), issubclass(tuple, Sequence), issubclass(set, Sequence))
