"""This module defines an object type which can efficiently represent
an array of basic values: characters, integers, floating point
numbers.

oxpy: CPython's array module (Modules/arraymodule.c) in Python: the values are kept in a
list and checked, converted and serialised as the C type of the typecode would be (via
_struct), with CPython's reprs and error messages.
"""

import _struct

__all__ = ['array', 'ArrayType', 'typecodes']

typecodes = 'bBuhHiIlLqQfd'

_ITEMSIZE = {'b': 1, 'B': 1, 'u': 4, 'h': 2, 'H': 2, 'i': 4, 'I': 4, 'l': 8, 'L': 8,
             'q': 8, 'Q': 8, 'f': 4, 'd': 8}

# typecode: (min, max, below-minimum message, above-maximum message)
_RANGES = {
    'b': (-128, 127, "signed char is less than minimum", "signed char is greater than maximum"),
    'B': (0, 255, "unsigned byte integer is less than minimum",
          "unsigned byte integer is greater than maximum"),
    'h': (-32768, 32767, "signed short integer is less than minimum",
          "signed short integer is greater than maximum"),
    'H': (0, 65535, "unsigned short is less than minimum", "unsigned short is greater than maximum"),
    'i': (-2**31, 2**31 - 1, "signed integer is less than minimum",
          "signed integer is greater than maximum"),
    'I': (0, 2**32 - 1, "can't convert negative value to unsigned int",
          "unsigned int is greater than maximum"),
    'l': (-2**63, 2**63 - 1, "Python int too large to convert to C long",
          "Python int too large to convert to C long"),
    'L': (0, 2**64 - 1, "can't convert negative value to unsigned int",
          "Python int too large to convert to C unsigned long"),
    'q': (-2**63, 2**63 - 1, "int too big to convert", "int too big to convert"),
    'Q': (0, 2**64 - 1, "can't convert negative int to unsigned", "int too big to convert"),
}


def _check(typecode, v):
    if typecode == 'u':
        if not isinstance(v, str) or len(v) != 1:
            raise TypeError("array item must be unicode character")
        return v
    if typecode in 'fd':
        if isinstance(v, float):
            return v
        if isinstance(v, int):
            return float(v)
        f = getattr(type(v), '__float__', None)
        if f is None:
            raise TypeError("must be real number, not %s" % type(v).__name__)
        return f(v)
    if not isinstance(v, int):
        index = getattr(type(v), '__index__', None)
        if index is None:
            raise TypeError("'%s' object cannot be interpreted as an integer"
                            % type(v).__name__)
        v = index(v)
    lo, hi, below, above = _RANGES[typecode]
    if v < lo:
        raise OverflowError(below)
    if v > hi:
        raise OverflowError(above)
    return int(v)


class array:
    """array(typecode [, initializer]) -> array"""

    def __init__(self, typecode, initializer=None, /):
        if not isinstance(typecode, str) or len(typecode) != 1:
            raise TypeError("array() argument 1 must be a unicode character, not %s"
                            % type(typecode).__name__)
        if typecode not in _ITEMSIZE:
            raise ValueError("bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)")
        self._typecode = typecode
        self._items = []
        if initializer is None:
            return
        if isinstance(initializer, str):
            if typecode != 'u':
                raise TypeError("cannot use a str to initialize an array with typecode '%s'"
                                % typecode)
            self._items = list(initializer)
        elif isinstance(initializer, (bytes, bytearray)):
            self.frombytes(initializer)
        elif isinstance(initializer, array):
            if initializer._typecode == 'u' and typecode != 'u':
                raise TypeError("cannot use a unicode array to initialize an array with "
                                "typecode '%s'" % typecode)
            self.extend(initializer._items)
        else:
            self.extend(initializer)

    @property
    def typecode(self):
        return self._typecode

    @property
    def itemsize(self):
        return _ITEMSIZE[self._typecode]

    def _new(self, items):
        a = array(self._typecode)
        a._items = items
        return a

    def __repr__(self):
        if not self._items:
            return "array('%s')" % self._typecode
        if self._typecode == 'u':
            return "array('u', %r)" % ''.join(self._items)
        return "array('%s', %r)" % (self._typecode, self._items)

    def __len__(self):
        return len(self._items)

    def __iter__(self):
        return iter(self._items)

    def __contains__(self, v):
        return v in self._items

    def __getitem__(self, i):
        if isinstance(i, slice):
            return self._new(self._items[i])
        try:
            return self._items[i]
        except IndexError:
            raise IndexError("array index out of range") from None

    def __setitem__(self, i, v):
        if isinstance(i, slice):
            if not isinstance(v, array):
                raise TypeError("can only assign array (not \"%s\") to array slice"
                                % type(v).__name__)
            self._items[i] = list(v._items)
            return
        v = _check(self._typecode, v)
        try:
            self._items[i] = v
        except IndexError:
            raise IndexError("array assignment index out of range") from None

    def __delitem__(self, i):
        try:
            del self._items[i]
        except IndexError:
            raise IndexError("array assignment index out of range") from None

    def _cmp_items(self, other):
        if not isinstance(other, array):
            return NotImplemented
        return other._items

    def __eq__(self, other):
        o = self._cmp_items(other)
        return o if o is NotImplemented else self._items == o

    def __ne__(self, other):
        o = self._cmp_items(other)
        return o if o is NotImplemented else self._items != o

    def __lt__(self, other):
        o = self._cmp_items(other)
        return o if o is NotImplemented else self._items < o

    def __le__(self, other):
        o = self._cmp_items(other)
        return o if o is NotImplemented else self._items <= o

    def __gt__(self, other):
        o = self._cmp_items(other)
        return o if o is NotImplemented else self._items > o

    def __ge__(self, other):
        o = self._cmp_items(other)
        return o if o is NotImplemented else self._items >= o

    __hash__ = None

    def __add__(self, other):
        if not isinstance(other, array):
            raise TypeError("can only append array (not \"%s\") to array"
                            % type(other).__name__)
        if other._typecode != self._typecode:
            raise TypeError("bad argument type for built-in operation")
        return self._new(self._items + other._items)

    def __iadd__(self, other):
        if not isinstance(other, array):
            raise TypeError("can only extend array with array (not \"%s\")"
                            % type(other).__name__)
        self.extend(other)
        return self

    def __mul__(self, n):
        return self._new(self._items * n)

    __rmul__ = __mul__

    def __imul__(self, n):
        self._items *= n
        return self

    def __copy__(self):
        return self._new(list(self._items))

    def __deepcopy__(self, memo):
        return self.__copy__()

    def __reduce_ex__(self, protocol):
        return (array, (self._typecode, list(self._items)))

    def append(self, v):
        """Append new value v to the end of the array."""
        self._items.append(_check(self._typecode, v))

    def extend(self, iterable):
        """Append items to the end of the array."""
        if isinstance(iterable, array):
            if iterable._typecode != self._typecode:
                raise TypeError("can only extend with array of same kind")
            self._items.extend(iterable._items)
            return
        for v in iterable:
            self.append(v)

    def insert(self, i, v):
        """Insert a new item v into the array before position i."""
        self._items.insert(i, _check(self._typecode, v))

    def pop(self, i=-1):
        """Return the i-th element and delete it from the array."""
        if not self._items:
            raise IndexError("pop from empty array")
        try:
            return self._items.pop(i)
        except IndexError:
            raise IndexError("pop index out of range") from None

    def remove(self, v):
        """Remove the first occurrence of v in the array."""
        try:
            self._items.remove(v)
        except ValueError:
            raise ValueError("array.remove(x): x not in array") from None

    def index(self, v, start=0, stop=None):
        """Return index of first occurrence of v in the array."""
        items = self._items if stop is None else self._items[:stop]
        try:
            return items.index(v, start)
        except ValueError:
            raise ValueError("array.index(x): x not in array") from None

    def count(self, v):
        """Return number of occurrences of v in the array."""
        return self._items.count(v)

    def reverse(self):
        """Reverse the order of the items in the array."""
        self._items.reverse()

    def tolist(self):
        """Convert array to an ordinary list with the same items."""
        return list(self._items)

    def fromlist(self, lst):
        """Append items to array from list."""
        if not isinstance(lst, list):
            raise TypeError("arg must be list")
        items = [_check(self._typecode, v) for v in lst]
        self._items.extend(items)

    def _fmt(self):
        return '=' + ('I' if self._typecode == 'u' else self._typecode)

    def tobytes(self):
        """Convert the array to an array of machine values and return the bytes
        representation."""
        if self._typecode == 'u':
            return b''.join(_struct.pack('=I', ord(c)) for c in self._items)
        fmt = self._fmt()
        return b''.join(_struct.pack(fmt, v) for v in self._items)

    def frombytes(self, buffer):
        """Appends items from the string, interpreting it as an array of machine values,
        as if it had been read from a file using the fromfile() method."""
        data = bytes(buffer)
        size = self.itemsize
        if len(data) % size:
            raise ValueError("bytes length not a multiple of item size")
        fmt = self._fmt()
        for i in range(0, len(data), size):
            v = _struct.unpack(fmt, data[i:i + size])[0]
            self._items.append(chr(v) if self._typecode == 'u' else v)

    def tounicode(self):
        """Extends this array with data from the unicode string ustr."""
        if self._typecode != 'u':
            raise ValueError("tounicode() may only be called on unicode type arrays")
        return ''.join(self._items)

    def fromunicode(self, ustr):
        if self._typecode != 'u':
            raise ValueError("fromunicode() may only be called on unicode type arrays")
        self._items.extend(ustr)

    def byteswap(self):
        """Byteswap all items of the array."""
        if self.itemsize == 1:
            return
        data = self.tobytes()
        size = self.itemsize
        swapped = b''.join(data[i:i + size][::-1] for i in range(0, len(data), size))
        self._items = []
        self.frombytes(swapped)

    def buffer_info(self):
        """Return a tuple (address, length) giving the current memory address and the
        length in items of the buffer used to hold array's contents."""
        return (id(self), len(self._items))

    def __sizeof__(self):
        return 64 + len(self._items) * self.itemsize


ArrayType = array
