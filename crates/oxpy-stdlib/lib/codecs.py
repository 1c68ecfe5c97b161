"""codecs -- Python Codec Registry, API and helpers.

oxpy: the part of CPython 3.11's Lib/codecs.py that needs no _codecs registry: the BOM
constants, encode/decode through str.encode/bytes.decode, lookup of the codecs oxpy's str
supports, and the error-handler registry.
"""

import sys

__all__ = ["register", "lookup", "open", "EncodedFile", "BOM", "BOM_BE", "BOM_LE",
           "BOM32_BE", "BOM32_LE", "BOM64_BE", "BOM64_LE", "BOM_UTF8", "BOM_UTF16",
           "BOM_UTF16_LE", "BOM_UTF16_BE", "BOM_UTF32", "BOM_UTF32_LE", "BOM_UTF32_BE",
           "CodecInfo", "encode", "decode", "register_error", "lookup_error",
           "strict_errors", "ignore_errors", "replace_errors",
           "xmlcharrefreplace_errors", "backslashreplace_errors", "namereplace_errors"]

BOM_UTF8 = b'\xef\xbb\xbf'
BOM_LE = BOM_UTF16_LE = b'\xff\xfe'
BOM_BE = BOM_UTF16_BE = b'\xfe\xff'
BOM_UTF32_LE = b'\xff\xfe\x00\x00'
BOM_UTF32_BE = b'\x00\x00\xfe\xff'
if sys.byteorder == 'little':
    BOM = BOM_UTF16 = BOM_UTF16_LE
    BOM_UTF32 = BOM_UTF32_LE
else:
    BOM = BOM_UTF16 = BOM_UTF16_BE
    BOM_UTF32 = BOM_UTF32_BE
BOM32_LE = BOM_UTF16_LE
BOM32_BE = BOM_UTF16_BE
BOM64_LE = BOM_UTF32_LE
BOM64_BE = BOM_UTF32_BE

_NAMES = {
    'utf-8': 'utf-8', 'utf8': 'utf-8', 'u8': 'utf-8', 'utf': 'utf-8',
    'latin-1': 'iso8859-1', 'latin1': 'iso8859-1', 'iso-8859-1': 'iso8859-1',
    'iso8859-1': 'iso8859-1', 'l1': 'iso8859-1', 'ascii': 'ascii', 'us-ascii': 'ascii',
    'utf-16': 'utf-16', 'utf-16-le': 'utf-16-le', 'utf-16-be': 'utf-16-be',
    'utf-32': 'utf-32', 'utf-32-le': 'utf-32-le', 'utf-32-be': 'utf-32-be',
}


class CodecInfo(tuple):
    """Codec details when looking up the codec registry"""

    def __new__(cls, encode, decode, streamreader=None, streamwriter=None,
                incrementalencoder=None, incrementaldecoder=None, name=None,
                *, _is_text_encoding=None):
        self = tuple.__new__(cls, (encode, decode, streamreader, streamwriter))
        self.name = name
        self.encode = encode
        self.decode = decode
        self.incrementalencoder = incrementalencoder
        self.incrementaldecoder = incrementaldecoder
        self.streamwriter = streamwriter
        self.streamreader = streamreader
        return self

    def __repr__(self):
        return "<%s.%s object for encoding %s at %#x>" % \
                (self.__class__.__module__, self.__class__.__qualname__,
                 self.name, id(self))


def _normalize(encoding):
    return encoding.lower().replace('_', '-').replace(' ', '-')


def lookup(encoding):
    """Looks up a codec tuple in the Python codec registry and returns a CodecInfo
    object."""
    name = _NAMES.get(_normalize(encoding))
    if name is None:
        raise LookupError("unknown encoding: %s" % encoding)

    def encode(input, errors='strict', _name=name):
        return input.encode(_name, errors), len(input)

    def decode(input, errors='strict', _name=name):
        return bytes(input).decode(_name, errors), len(input)

    return CodecInfo(encode, decode, name=name)


def encode(obj, encoding='utf-8', errors='strict'):
    """Encodes obj using the codec registered for encoding."""
    return lookup(encoding).encode(obj, errors)[0]


def decode(obj, encoding='utf-8', errors='strict'):
    """Decodes obj using the codec registered for encoding."""
    return lookup(encoding).decode(obj, errors)[0]


def register(search_function):
    """Register a codec search function (oxpy: accepted, not consulted)."""


_error_handlers = {}


def register_error(name, handler):
    """Register the specified error handler under the name errors."""
    _error_handlers[name] = handler


def lookup_error(name):
    """Return the error handler for the specified error handling name."""
    try:
        return _error_handlers[name]
    except KeyError:
        raise LookupError("unknown error handler name '%s'" % name) from None


def strict_errors(exc):
    raise exc


def ignore_errors(exc):
    return ('', exc.end)


def replace_errors(exc):
    if isinstance(exc, UnicodeEncodeError):
        return ('?' * (exc.end - exc.start), exc.end)
    return ('\ufffd', exc.end)


def backslashreplace_errors(exc):
    s = exc.object[exc.start:exc.end]
    if isinstance(exc, UnicodeDecodeError):
        return (''.join('\\x%02x' % b for b in s), exc.end)
    out = []
    for c in s:
        o = ord(c)
        out.append('\\x%02x' % o if o < 0x100 else '\\u%04x' % o if o < 0x10000 else '\\U%08x' % o)
    return (''.join(out), exc.end)


def xmlcharrefreplace_errors(exc):
    return (''.join('&#%d;' % ord(c) for c in exc.object[exc.start:exc.end]), exc.end)


def namereplace_errors(exc):
    import unicodedata
    return (''.join('\\N{%s}' % unicodedata.name(c) for c in exc.object[exc.start:exc.end]),
            exc.end)


for _n, _h in (('strict', strict_errors), ('ignore', ignore_errors),
               ('replace', replace_errors), ('backslashreplace', backslashreplace_errors),
               ('xmlcharrefreplace', xmlcharrefreplace_errors),
               ('namereplace', namereplace_errors)):
    _error_handlers[_n] = _h
del _n, _h


def open(filename, mode='r', encoding=None, errors='strict', buffering=-1):
    """Open an encoded file using the given mode and return a wrapped version."""
    import io
    if encoding is not None and 'b' not in mode:
        return io.open(filename, mode, buffering, encoding, errors)
    return io.open(filename, mode, buffering)
