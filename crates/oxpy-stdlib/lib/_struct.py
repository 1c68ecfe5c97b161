"""Functions to convert between Python values and C structs.

oxpy: CPython's _struct (Modules/_struct.c) in Python: the same format language (byte
order, native sizes and alignment of x86-64 Linux), packing rules, IEEE 754 half, single
and double conversions with round-half-even, and the same error messages.
"""

import sys as _sys
from math import frexp as _frexp, ldexp as _ldexp, isinf as _isinf, isnan as _isnan
from math import copysign as _copysign

__all__ = ['calcsize', 'pack', 'pack_into', 'unpack', 'unpack_from', 'iter_unpack',
           'Struct', 'error']


class error(Exception):
    pass


error.__module__ = 'struct'

# code: (native size, native alignment, standard size)
_SIZES = {
    'x': (1, 1, 1), 'c': (1, 1, 1), 'b': (1, 1, 1), 'B': (1, 1, 1), '?': (1, 1, 1),
    'h': (2, 2, 2), 'H': (2, 2, 2), 'i': (4, 4, 4), 'I': (4, 4, 4), 'l': (8, 8, 4),
    'L': (8, 8, 4), 'q': (8, 8, 8), 'Q': (8, 8, 8), 'n': (8, 8, None), 'N': (8, 8, None),
    'e': (2, 2, 2), 'f': (4, 4, 4), 'd': (8, 8, 8), 's': (1, 1, 1), 'p': (1, 1, 1),
    'P': (8, 8, None),
}

_NAMES = {'b': 'byte', 'B': 'ubyte', 'h': 'short', 'H': 'ushort'}


def _parse(fmt):
    if isinstance(fmt, bytes):
        fmt = fmt.decode('ascii')
    elif not isinstance(fmt, str):
        raise TypeError("Struct() argument 1 must be a str or bytes object, not %s"
                        % type(fmt).__name__)
    order = '@'
    i = 0
    if fmt and fmt[0] in '@=<>!':
        order = fmt[0]
        i = 1
    native = order == '@'
    little = order in '<' or (order in '@=' and _sys.byteorder == 'little')
    items = []   # (code, count, offset, size)
    offset = 0
    n = len(fmt)
    while i < n:
        c = fmt[i]
        if c.isspace():
            i += 1
            continue
        count = 1
        if c.isdigit():
            j = i
            while j < n and fmt[j].isdigit():
                j += 1
            count = int(fmt[i:j])
            if j >= n:
                raise error("repeat count given without format specifier")
            i = j
            c = fmt[i]
        i += 1
        if c not in _SIZES:
            raise error("bad char in struct format")
        nsize, align, ssize = _SIZES[c]
        if native:
            size = nsize
            if c not in 'spx' or True:
                if align > 1:
                    offset = (offset + align - 1) // align * align
        else:
            if ssize is None:
                raise error("bad char in struct format")
            size = ssize
        if c in 'sp':
            items.append((c, count, offset, count))
            offset += count
        elif c == 'x':
            offset += count
        else:
            for _ in range(count):
                items.append((c, 1, offset, size))
                offset += size
    return items, offset, little


def _int_arg(v):
    if isinstance(v, int):
        return int(v)
    index = getattr(type(v), '__index__', None)
    if index is None:
        raise error("required argument is not an integer")
    return index(v)


def _pack_float(x, size, code):
    if isinstance(x, (int, float)):
        x = float(x)
    else:
        f = getattr(type(x), '__float__', None)
        if f is None:
            raise error("required argument is not a float")
        x = f(x)
    if size == 8:
        mbits, ebits, bias = 52, 11, 1023
    elif size == 4:
        mbits, ebits, bias = 23, 8, 127
    else:
        mbits, ebits, bias = 10, 5, 15
    emax = (1 << ebits) - 1
    sign = 1 if _copysign(1.0, x) < 0 else 0
    if _isnan(x):
        bits = (emax << mbits) | (1 << (mbits - 1))
        return (sign << (ebits + mbits)) | bits
    if _isinf(x):
        if size != 8:
            return (sign << (ebits + mbits)) | (emax << mbits)
        return (sign << (ebits + mbits)) | (emax << mbits)
    ax = abs(x)
    if ax == 0:
        return sign << (ebits + mbits)
    m, e = _frexp(ax)
    r = round(_ldexp(m, mbits + 1))
    if r == 1 << (mbits + 1):
        r >>= 1
        e += 1
    E = e - 1 + bias
    if E >= emax:
        raise OverflowError("float too large to pack with %s format" % code)
    if E <= 0:
        r = round(_ldexp(ax, bias - 1 + mbits))
        return (sign << (ebits + mbits)) | r
    return (sign << (ebits + mbits)) | (E << mbits) | (r - (1 << mbits))


def _unpack_float(bits, size):
    if size == 8:
        mbits, ebits, bias = 52, 11, 1023
    elif size == 4:
        mbits, ebits, bias = 23, 8, 127
    else:
        mbits, ebits, bias = 10, 5, 15
    emax = (1 << ebits) - 1
    sign = bits >> (ebits + mbits)
    E = (bits >> mbits) & emax
    frac = bits & ((1 << mbits) - 1)
    if E == emax:
        v = float('nan') if frac else float('inf')
    elif E == 0:
        v = _ldexp(float(frac), 1 - bias - mbits)
    else:
        v = _ldexp(float(frac + (1 << mbits)), E - bias - mbits)
    return -v if sign else v


def _pack_one(code, size, v, little):
    if code == 'c':
        if not isinstance(v, (bytes, bytearray)) or len(v) != 1:
            raise error("char format requires a bytes object of length 1")
        return bytes(v)
    if code == '?':
        return b'\x01' if v else b'\x00'
    if code in 'efd':
        bits = _pack_float(v, size, code)
        return bits.to_bytes(size, 'little' if little else 'big')
    v = _int_arg(v)
    signed = code in 'bhilqn'
    if signed:
        lo, hi = -(1 << (8 * size - 1)), (1 << (8 * size - 1)) - 1
    else:
        lo, hi = 0, (1 << (8 * size)) - 1
    if not lo <= v <= hi:
        if code in _NAMES:
            raise error("%s format requires %d <= number <= %d" % (_NAMES[code], lo, hi))
        if code == 'i':
            raise error("'i' format requires %d <= number <= %d" % (lo, hi))
        raise error("argument out of range")
    if v < 0:
        v += 1 << (8 * size)
    return v.to_bytes(size, 'little' if little else 'big')


def _unpack_one(code, size, data, little):
    if code == 'c':
        return bytes(data)
    if code == '?':
        return data != b'\x00' * size
    v = int.from_bytes(data, 'little' if little else 'big')
    if code in 'efd':
        return _unpack_float(v, size)
    if code in 'bhilqn' and v >= 1 << (8 * size - 1):
        v -= 1 << (8 * size)
    return v


class Struct:
    """Struct(fmt) --> compiled struct object"""

    def __init__(self, format):
        self._items, self.size, self._little = _parse(format)
        self.format = format.decode('ascii') if isinstance(format, bytes) else format

    def pack(self, *args):
        """S.pack(v1, v2, ...) -> bytes"""
        if len(args) != len(self._items):
            raise error("pack expected %d items for packing (got %d)"
                        % (len(self._items), len(args)))
        parts = []
        pos = 0
        for (code, count, offset, size), v in zip(self._items, args):
            if offset > pos:
                parts.append(b'\x00' * (offset - pos))
            if code in 'sp':
                if not isinstance(v, (bytes, bytearray)):
                    raise error("argument for 's' must be a bytes object" if code == 's'
                                else "argument for 'p' must be a bytes object")
                if code == 's':
                    data = bytes(v[:count])
                elif count:
                    n = min(len(v), count - 1, 255)
                    data = bytes((n,)) + bytes(v[:n])
                else:
                    data = b''
                data += b'\x00' * (count - len(data))
            else:
                data = _pack_one(code, size, v, self._little)
            parts.append(data)
            pos = offset + len(data)
        if self.size > pos:
            parts.append(b'\x00' * (self.size - pos))
        return b''.join(parts)

    def pack_into(self, buffer, offset, *args):
        data = self.pack(*args)
        if offset < 0:
            offset += len(buffer)
        buffer[offset:offset + len(data)] = data

    def unpack(self, buffer):
        """Return a tuple containing values unpacked according to the format string."""
        data = bytes(buffer)
        if len(data) != self.size:
            raise error("unpack requires a buffer of %d bytes" % self.size)
        return self._unpack(data, 0)

    def unpack_from(self, buffer, offset=0):
        data = bytes(buffer)
        if offset < 0:
            offset += len(data)
        if len(data) - offset < self.size:
            raise error("unpack_from requires a buffer of at least %d bytes for unpacking "
                        "%d bytes at offset %d (actual buffer size is %d)"
                        % (self.size + offset, self.size, offset, len(data)))
        return self._unpack(data, offset)

    def _unpack(self, data, base):
        out = []
        for code, count, offset, size in self._items:
            chunk = data[base + offset:base + offset + size]
            if code == 's':
                out.append(chunk)
            elif code == 'p':
                n = min(chunk[0], count - 1) if count else 0
                out.append(chunk[1:1 + n])
            else:
                out.append(_unpack_one(code, size, chunk, self._little))
        return tuple(out)

    def iter_unpack(self, buffer):
        data = bytes(buffer)
        if self.size == 0:
            raise error("cannot iteratively unpack with a struct of length 0")
        if len(data) % self.size:
            raise error("iterative unpacking requires a buffer of a multiple of %d bytes"
                        % self.size)
        return (self._unpack(data, i) for i in range(0, len(data), self.size))


Struct.__module__ = '_struct'

_cache = {}


def _clearcache():
    """Clear the internal cache."""
    _cache.clear()


def _struct(fmt):
    s = _cache.get(fmt)
    if s is None:
        s = _cache[fmt] = Struct(fmt)
    return s


def calcsize(format):
    """Return size in bytes of the struct described by the format string."""
    return _struct(format).size


def pack(format, *args):
    """pack(format, v1, v2, ...) -> bytes"""
    return _struct(format).pack(*args)


def pack_into(format, buffer, offset, *args):
    return _struct(format).pack_into(buffer, offset, *args)


def unpack(format, buffer):
    """Return a tuple containing values unpacked according to the format string."""
    return _struct(format).unpack(buffer)


def unpack_from(format, buffer, offset=0):
    return _struct(format).unpack_from(buffer, offset)


def iter_unpack(format, buffer):
    return _struct(format).iter_unpack(buffer)
