"""Conversion between binary data and ASCII (oxpy: CPython's Modules/binascii.c in Python)."""

__all__ = ["Error", "Incomplete", "a2b_base64", "a2b_hex", "b2a_base64", "b2a_hex",
           "crc32", "crc_hqx", "hexlify", "unhexlify"]


class Error(ValueError):
    pass


class Incomplete(Exception):
    pass


Error.__module__ = "binascii"
Incomplete.__module__ = "binascii"

_B64 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_B64_VALUES = {c: i for i, c in enumerate(_B64)}


def _bytes(data, what="a bytes-like object"):
    if isinstance(data, (bytes, bytearray)):
        return bytes(data)
    if isinstance(data, memoryview):
        return data.tobytes()
    raise TypeError("a bytes-like object is required, not '%s'" % type(data).__name__)


def _ascii_input(data):
    """The `ascii_buffer_converter`: str (ASCII only) or a bytes-like object."""
    if isinstance(data, str):
        try:
            return data.encode("ascii")
        except UnicodeEncodeError:
            raise ValueError("string argument should contain only ASCII characters") from None
    if isinstance(data, (bytes, bytearray, memoryview)):
        return _bytes(data)
    raise TypeError("argument should be bytes, buffer or ASCII string, not '%s'"
                    % type(data).__name__)


def b2a_base64(data, *, newline=True):
    data = _bytes(data)
    out = bytearray()
    for i in range(0, len(data) - 2, 3):
        n = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2]
        out += bytes((_B64[n >> 18], _B64[(n >> 12) & 63], _B64[(n >> 6) & 63], _B64[n & 63]))
    rest = len(data) % 3
    if rest == 1:
        n = data[-1] << 16
        out += bytes((_B64[n >> 18], _B64[(n >> 12) & 63])) + b"=="
    elif rest == 2:
        n = (data[-2] << 16) | (data[-1] << 8)
        out += bytes((_B64[n >> 18], _B64[(n >> 12) & 63], _B64[(n >> 6) & 63])) + b"="
    if newline:
        out += b"\n"
    return bytes(out)


def a2b_base64(data, /, *, strict_mode=False):
    data = _ascii_input(data)
    if strict_mode and data[:1] == b"=":
        raise Error("Leading padding not allowed")
    out = bytearray()
    acc = 0
    nbits = 0
    quad_pos = 0
    pads = 0
    seen_pad = False
    for i, c in enumerate(data):
        if c == 61:  # '='
            seen_pad = True
            if quad_pos >= 2 and quad_pos + pads + 1 >= 4:
                if strict_mode and i + 1 < len(data):
                    raise Error("Excess data after padding")
                quad_pos = 0
                acc = nbits = pads = 0
                if not strict_mode:
                    # A complete quad: the rest is ignored up to the next data.
                    pass
                continue
            pads += 1
            continue
        v = _B64_VALUES.get(c)
        if v is None:
            if strict_mode:
                raise Error("Only base64 data is allowed")
            continue
        if strict_mode and seen_pad:
            raise Error("Discontinuous padding not allowed")
        pads = 0
        acc = (acc << 6) | v
        nbits += 6
        quad_pos = (quad_pos + 1) & 3
        if nbits >= 8:
            nbits -= 8
            out.append((acc >> nbits) & 0xFF)
            acc &= (1 << nbits) - 1
    if quad_pos != 0:
        if quad_pos == 1:
            raise Error("Invalid base64-encoded string: number of data characters (%d) "
                        "cannot be 1 more than a multiple of 4"
                        % sum(1 for c in data if c in _B64_VALUES))
        raise Error("Incorrect padding")
    return bytes(out)


def b2a_hex(data, sep=None, bytes_per_sep=1):
    data = _bytes(data)
    h = data.hex() if sep is None else data.hex(sep, bytes_per_sep)
    return h.encode("ascii")


hexlify = b2a_hex


def a2b_hex(hexstr):
    data = _ascii_input(hexstr)
    if len(data) % 2:
        raise Error("Odd-length string")
    out = bytearray()
    for i in range(0, len(data), 2):
        try:
            out.append(int(data[i:i + 2], 16) if all(c in b"0123456789abcdefABCDEF"
                                                     for c in data[i:i + 2]) else -1)
        except ValueError:
            raise Error("Non-hexadecimal digit found") from None
    return bytes(out)


unhexlify = a2b_hex

_CRC_TABLE = []
for _n in range(256):
    _c = _n
    for _ in range(8):
        _c = (_c >> 1) ^ 0xEDB88320 if _c & 1 else _c >> 1
    _CRC_TABLE.append(_c)
del _n, _c


def crc32(data, crc=0, /):
    data = _bytes(data)
    try:
        import zlib
    except ImportError:
        crc = ~crc & 0xFFFFFFFF
        for b in data:
            crc = _CRC_TABLE[(crc ^ b) & 0xFF] ^ (crc >> 8)
        return ~crc & 0xFFFFFFFF
    return zlib.crc32(data, crc)


def crc_hqx(data, crc, /):
    data = _bytes(data)
    crc &= 0xFFFF
    for b in data:
        crc ^= b << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) & 0xFFFF if crc & 0x8000 else (crc << 1) & 0xFFFF
    return crc
