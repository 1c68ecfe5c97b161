"""oxpy's _io: the classes CPython writes in C (Modules/_io), in Python over the file
descriptor calls of _oxpy_posix.

Behaviour follows CPython 3.11's _io (and _pyio.py, PSF licence): class names, reprs,
mode validation and error messages.  Text files support the stateless encodings
(utf-8, latin-1, ascii) and the universal-newlines rules; tell() returns the byte offset
of the next unread character.
"""

import _oxpy_posix as _os

DEFAULT_BUFFER_SIZE = 8192

BlockingIOError = BlockingIOError


class UnsupportedOperation(OSError, ValueError):
    pass


def _closed_error():
    return ValueError("I/O operation on closed file.")


def text_encoding(encoding, stacklevel=2):
    if encoding is None:
        return "locale"
    return encoding


def _fspath(path):
    if isinstance(path, (str, bytes)):
        return path
    fspath = getattr(type(path), "__fspath__", None)
    if fspath is None:
        raise TypeError("expected str, bytes or os.PathLike object, not "
                        + type(path).__name__)
    path = fspath(path)
    if not isinstance(path, (str, bytes)):
        raise TypeError("expected {}.__fspath__() to return str or bytes, not {}"
                        .format(type(path).__name__, type(path).__name__))
    return path


class _IOBase:
    """The abstract base class for all I/O classes."""

    __closed = False

    def seek(self, pos, whence=0):
        raise UnsupportedOperation("seek")

    def tell(self):
        return self.seek(0, 1)

    def truncate(self, pos=None):
        raise UnsupportedOperation("truncate")

    def flush(self):
        self._checkClosed()

    def close(self):
        if not self.__closed:
            try:
                self.flush()
            finally:
                self.__closed = True

    def __del__(self):
        try:
            closed = self.closed
        except AttributeError:
            return
        if closed:
            return
        try:
            self.close()
        except Exception:
            pass

    def seekable(self):
        return False

    def readable(self):
        return False

    def writable(self):
        return False

    def _checkClosed(self, msg=None):
        if self.closed:
            raise _closed_error()

    def _checkReadable(self):
        if not self.readable():
            raise UnsupportedOperation("File or stream is not readable.")

    def _checkWritable(self):
        if not self.writable():
            raise UnsupportedOperation("File or stream is not writable.")

    def _checkSeekable(self):
        if not self.seekable():
            raise UnsupportedOperation("File or stream is not seekable.")

    @property
    def closed(self):
        return self.__closed

    def __enter__(self):
        self._checkClosed()
        return self

    def __exit__(self, *args):
        self.close()

    def fileno(self):
        raise UnsupportedOperation("fileno")

    def isatty(self):
        self._checkClosed()
        return False

    def readline(self, size=-1):
        if size is None:
            size = -1
        res = bytearray()
        while size < 0 or len(res) < size:
            b = self.read(1)
            if not b:
                break
            res += b
            if res.endswith(b"\n"):
                break
        return bytes(res)

    def __iter__(self):
        self._checkClosed()
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def readlines(self, hint=None):
        if hint is None or hint <= 0:
            return list(self)
        n = 0
        lines = []
        for line in self:
            lines.append(line)
            n += len(line)
            if n >= hint:
                break
        return lines

    def writelines(self, lines):
        self._checkClosed()
        for line in lines:
            self.write(line)


class _RawIOBase(_IOBase):
    """Base class for raw binary I/O."""

    def read(self, size=-1):
        if size is None:
            size = -1
        if size < 0:
            return self.readall()
        b = bytearray(size)
        n = self.readinto(b)
        if n is None:
            return None
        del b[n:]
        return bytes(b)

    def readall(self):
        res = bytearray()
        while True:
            data = self.read(DEFAULT_BUFFER_SIZE)
            if not data:
                break
            res += data
        return bytes(res)


class _BufferedIOBase(_IOBase):
    """Base class for buffered IO objects."""

    def read1(self, size=-1):
        return self.read(size)

    def readinto(self, b):
        data = self.read(len(b))
        n = len(data)
        for i in range(n):  # oxpy: no slice assignment on bytearray yet
            b[i] = data[i]
        return n

    def detach(self):
        raise UnsupportedOperation("detach")


class _TextIOBase(_IOBase):
    """Base class for text I/O."""

    @property
    def encoding(self):
        return None

    @property
    def newlines(self):
        return None

    @property
    def errors(self):
        return None


def _mode_repr(self, extra=""):
    return extra


class FileIO(_RawIOBase):
    """Raw I/O over an OS file descriptor."""

    def __init__(self, file, mode="r", closefd=True, opener=None):
        self._fd = -1
        self._created = self._readable = self._writable = self._appending = False
        if isinstance(file, float):
            raise TypeError("integer argument expected, got float")
        if isinstance(file, int):
            fd = file
            if fd < 0:
                raise ValueError("negative file descriptor")
        else:
            fd = -1
        if not isinstance(mode, str):
            raise TypeError("invalid mode: %s" % (mode,))
        if not set(mode) <= set("xrwab+"):
            raise ValueError("invalid mode: %s" % (mode,))
        if sum(c in "rwax" for c in mode) != 1 or mode.count("+") > 1:
            raise ValueError("Must have exactly one of create/read/write/append "
                             "mode and at most one plus")
        if "x" in mode:
            self._created = self._writable = True
            flags = _os.O_EXCL | _os.O_CREAT
        elif "r" in mode:
            self._readable = True
            flags = 0
        elif "w" in mode:
            self._writable = True
            flags = _os.O_CREAT | _os.O_TRUNC
        else:
            self._writable = self._appending = True
            flags = _os.O_APPEND | _os.O_CREAT
        if "+" in mode:
            self._readable = self._writable = True
        if self._readable and self._writable:
            flags |= _os.O_RDWR
        elif self._readable:
            flags |= _os.O_RDONLY
        else:
            flags |= _os.O_WRONLY
        self._closefd = closefd
        if fd < 0:
            if not closefd:
                raise ValueError("Cannot use closefd=False with file name")
            file = _fspath(file)
            if opener is None:
                fd = _os.open(file, flags, 0o666)
            else:
                fd = opener(file, flags)
                if not isinstance(fd, int):
                    raise TypeError("expected integer from opener")
                if fd < 0:
                    raise ValueError("opener returned %d" % fd)
        self._fd = fd
        try:
            st = _os.fstat(fd)
        except OSError:
            st = None
        if st is not None and (st[0] & 0o170000) == 0o040000:
            try:
                if closefd:
                    _os.close(fd)
            finally:
                self._fd = -1
            raise IsADirectoryError(21, "Is a directory", file)
        self.name = file
        self._blksize = DEFAULT_BUFFER_SIZE
        if self._appending:
            try:
                _os.lseek(fd, 0, 2)
            except OSError:
                pass

    def __repr__(self):
        name = type(self).__module__ + "." + type(self).__qualname__
        if self.closed:
            return "<%s [closed]>" % name
        try:
            n = self.name
        except AttributeError:
            return "<%s fd=%d mode=%r closefd=%r>" % (name, self._fd, self.mode, self._closefd)
        return "<%s name=%r mode=%r closefd=%r>" % (name, n, self.mode, self._closefd)

    def _checkReadable(self):
        if not self._readable:
            raise UnsupportedOperation("File not open for reading")

    def _checkWritable(self, msg=None):
        if not self._writable:
            raise UnsupportedOperation("File not open for writing")

    def read(self, size=-1):
        self._checkClosed()
        self._checkReadable()
        if size is None or size < 0:
            return self.readall()
        return _os.read(self._fd, size)

    def readall(self):
        self._checkClosed()
        self._checkReadable()
        chunks = []
        while True:
            data = _os.read(self._fd, 65536)
            if not data:
                break
            chunks.append(data)
        return b"".join(chunks)

    def readinto(self, b):
        data = self.read(len(b))
        n = len(data)
        for i in range(n):  # oxpy: no slice assignment on bytearray yet
            b[i] = data[i]
        return n

    def write(self, b):
        self._checkClosed()
        self._checkWritable()
        return _os.write(self._fd, b)

    def seek(self, pos, whence=0):
        if isinstance(pos, float):
            raise TypeError("an integer is required")
        self._checkClosed()
        return _os.lseek(self._fd, pos, whence)

    def tell(self):
        self._checkClosed()
        return _os.lseek(self._fd, 0, 1)

    def truncate(self, size=None):
        self._checkClosed()
        self._checkWritable()
        if size is None:
            size = self.tell()
        _os.ftruncate(self._fd, size)
        return size

    def close(self):
        if not self.closed:
            try:
                if self._closefd:
                    _os.close(self._fd)
            finally:
                super().close()
                self._fd = -1

    @property
    def closed(self):
        return self._fd < 0

    def seekable(self):
        self._checkClosed()
        try:
            _os.lseek(self._fd, 0, 1)
        except OSError:
            return False
        return True

    def readable(self):
        self._checkClosed()
        return self._readable

    def writable(self):
        self._checkClosed()
        return self._writable

    def fileno(self):
        self._checkClosed()
        return self._fd

    def isatty(self):
        self._checkClosed()
        return _os.isatty(self._fd)

    @property
    def closefd(self):
        return self._closefd

    @property
    def mode(self):
        if self._created:
            return "xb+" if self._readable else "xb"
        if self._appending:
            return "ab+" if self._readable else "ab"
        if self._readable:
            return "rb+" if self._writable else "rb"
        return "wb"


class _Buffered(_BufferedIOBase):
    """Shared code of BufferedReader, BufferedWriter and BufferedRandom."""

    def __init__(self, raw, buffer_size=DEFAULT_BUFFER_SIZE):
        if buffer_size <= 0:
            raise ValueError("buffer size must be strictly positive")
        self.raw = raw
        self.buffer_size = buffer_size
        self._rbuf = b""
        self._rpos = 0
        self._wbuf = bytearray()

    def __repr__(self):
        name = type(self).__module__ + "." + type(self).__qualname__
        try:
            n = self.name
        except AttributeError:
            return "<%s>" % name
        return "<%s name=%r>" % (name, n)

    @property
    def name(self):
        return self.raw.name

    @property
    def mode(self):
        return self.raw.mode

    @property
    def closed(self):
        return self.raw.closed

    def fileno(self):
        return self.raw.fileno()

    def isatty(self):
        return self.raw.isatty()

    def readable(self):
        return self.raw.readable()

    def writable(self):
        return self.raw.writable()

    def seekable(self):
        return self.raw.seekable()

    def detach(self):
        self.flush()
        raw = self.raw
        self.raw = None
        return raw

    def _drop_read(self):
        # Move the raw position back over read-ahead bytes not yet consumed.
        ahead = len(self._rbuf) - self._rpos
        if ahead:
            self.raw.seek(-ahead, 1)
        self._rbuf = b""
        self._rpos = 0

    def flush(self):
        if self.closed:
            raise ValueError("flush of closed file")
        if self._wbuf:
            data = bytes(self._wbuf)
            self._wbuf.clear()
            while data:
                n = self.raw.write(data)
                data = data[n:]

    def close(self):
        if self.raw is not None and not self.closed:
            try:
                self.flush()
            finally:
                self.raw.close()

    def _fill(self):
        data = self.raw.read(self.buffer_size)
        if data:
            self._rbuf = self._rbuf[self._rpos:] + data
            self._rpos = 0
        return data

    def read(self, size=-1):
        self._checkClosed()
        self.raw._checkReadable()
        if self._wbuf:
            self.flush()
        if size is None or size < 0:
            head = self._rbuf[self._rpos:]
            self._rbuf = b""
            self._rpos = 0
            return head + self.raw.readall()
        while len(self._rbuf) - self._rpos < size:
            if not self._fill():
                break
        data = self._rbuf[self._rpos:self._rpos + size]
        self._rpos += len(data)
        return data

    def read1(self, size=-1):
        self._checkClosed()
        if self._rpos >= len(self._rbuf):
            self._fill()
        if size is None or size < 0:
            size = len(self._rbuf) - self._rpos
        data = self._rbuf[self._rpos:self._rpos + size]
        self._rpos += len(data)
        return data

    def peek(self, size=0):
        self._checkClosed()
        if self._rpos >= len(self._rbuf):
            self._fill()
        return self._rbuf[self._rpos:]

    def readline(self, size=-1):
        self._checkClosed()
        if self._wbuf:
            self.flush()
        if size is None:
            size = -1
        while True:
            i = self._rbuf.find(b"\n", self._rpos)
            if i >= 0 or (0 <= size <= len(self._rbuf) - self._rpos):
                break
            if not self._fill():
                break
        end = len(self._rbuf) if i < 0 else i + 1
        if size >= 0:
            end = min(end, self._rpos + size)
        data = self._rbuf[self._rpos:end]
        self._rpos = end
        return data

    def write(self, b):
        self._checkClosed()
        self.raw._checkWritable()
        if isinstance(b, str):
            raise TypeError("a bytes-like object is required, not 'str'")
        if self._rbuf:
            self._drop_read()
        self._wbuf += b
        if len(self._wbuf) >= self.buffer_size:
            self.flush()
        return len(b)

    def tell(self):
        pos = self.raw.tell()
        return pos - (len(self._rbuf) - self._rpos) + len(self._wbuf)

    def seek(self, pos, whence=0):
        self._checkClosed()
        if whence not in (0, 1, 2):
            raise ValueError("whence value %d unsupported" % whence)
        self.flush()
        if whence == 1:
            pos = self.tell() + pos
            whence = 0
        self._rbuf = b""
        self._rpos = 0
        return self.raw.seek(pos, whence)

    def truncate(self, pos=None):
        self.flush()
        if pos is None:
            pos = self.tell()
        self._drop_read()
        return self.raw.truncate(pos)


class BufferedReader(_Buffered):
    """Create a new buffered reader using the given readable raw IO object."""


class BufferedWriter(_Buffered):
    """A buffer for a writeable sequential RawIO object."""


class BufferedRandom(_Buffered):
    """A buffered interface to random access streams."""


class BufferedRWPair(_BufferedIOBase):
    """A buffered reader and writer object together."""

    def __init__(self, reader, writer, buffer_size=DEFAULT_BUFFER_SIZE):
        self.reader = BufferedReader(reader, buffer_size)
        self.writer = BufferedWriter(writer, buffer_size)

    def read(self, size=-1):
        return self.reader.read(size)

    def write(self, b):
        return self.writer.write(b)

    def flush(self):
        return self.writer.flush()

    def close(self):
        try:
            self.writer.close()
        finally:
            self.reader.close()

    @property
    def closed(self):
        return self.writer.closed


_CODECS = {
    "utf-8": "utf-8", "utf8": "utf-8", "u8": "utf-8", "utf": "utf-8", "cp65001": "utf-8",
    "latin-1": "latin-1", "latin1": "latin-1", "iso-8859-1": "latin-1", "iso8859-1": "latin-1",
    "l1": "latin-1", "8859": "latin-1", "cp819": "latin-1",
    "ascii": "ascii", "us-ascii": "ascii", "646": "ascii",
}


def _lookup(encoding):
    key = encoding.lower().replace("_", "-")
    codec = _CODECS.get(key)
    if codec is None:
        raise LookupError("unknown encoding: " + encoding)
    return codec


def _src_cut(text, n):
    """How many characters of `text` give `n` characters once \r\n reads as one."""
    i = out = 0
    while i < len(text) and out < n:
        i += 2 if text[i] == "\r" and text[i + 1:i + 2] == "\n" else 1
        out += 1
    return i


def _utf8_split(data):
    """Split `data` before an incomplete UTF-8 sequence at its end."""
    n = len(data)
    i = n - 1
    while i >= 0 and i > n - 4 and (data[i] & 0xC0) == 0x80:
        i -= 1
    if i < 0:
        return n
    lead = data[i]
    need = 1
    if lead >= 0xF0:
        need = 4
    elif lead >= 0xE0:
        need = 3
    elif lead >= 0xC0:
        need = 2
    if n - i < need:
        return i
    return n


class IncrementalNewlineDecoder:
    """Codec used when reading a file in universal newlines mode."""

    def __init__(self, decoder, translate, errors="strict"):
        self.decoder = decoder
        self.translate = translate
        self.pendingcr = False
        self.seennl = 0

    def decode(self, input, final=False):
        output = input if self.decoder is None else self.decoder.decode(input, final=final)
        if self.pendingcr and (output or final):
            output = "\r" + output
            self.pendingcr = False
        if output.endswith("\r") and not final:
            output = output[:-1]
            self.pendingcr = True
        crlf = output.count("\r\n")
        cr = output.count("\r") - crlf
        lf = output.count("\n") - crlf
        self.seennl |= (lf and 1) | (cr and 2) | (crlf and 4)
        if self.translate:
            if crlf:
                output = output.replace("\r\n", "\n")
            if cr:
                output = output.replace("\r", "\n")
        return output

    def getstate(self):
        return b"", int(self.pendingcr)

    def setstate(self, state):
        self.pendingcr = bool(state[1] & 1)

    def reset(self):
        self.seennl = 0
        self.pendingcr = False

    @property
    def newlines(self):
        return (None, "\n", "\r", ("\r", "\n"), "\r\n", ("\n", "\r\n"),
                ("\r", "\r\n"), ("\r", "\n", "\r\n"))[self.seennl]


class TextIOWrapper(_TextIOBase):
    """Character and line based layer over a BufferedIOBase object, buffer."""

    _CHUNK_SIZE = 8192

    def __init__(self, buffer, encoding=None, errors=None, newline=None,
                 line_buffering=False, write_through=False):
        if newline is not None and not isinstance(newline, str):
            raise TypeError("TextIOWrapper() argument 'newline' must be str or None, not %s"
                            % (type(newline).__name__,))
        if newline not in (None, "", "\n", "\r", "\r\n"):
            raise ValueError("illegal newline value: %r" % (newline,))
        if encoding is None or encoding == "locale":
            encoding = "UTF-8"
        elif not isinstance(encoding, str):
            raise TypeError("TextIOWrapper() argument 'encoding' must be str or None, not %s"
                            % (type(encoding).__name__,))
        self._codec = _lookup(encoding)
        if errors is None:
            errors = "strict"
        elif not isinstance(errors, str):
            raise TypeError("TextIOWrapper() argument 'errors' must be str or None, not %s"
                            % (type(errors).__name__,))
        self._buffer = buffer
        self._encoding = encoding
        self._errors = errors
        self._readuniversal = not newline
        self._readtranslate = newline is None
        self._readnl = newline
        self._writetranslate = newline != ""
        self._writenl = newline or "\n"
        self._line_buffering = line_buffering
        self._write_through = write_through
        self._text = ""          # decoded text not yet returned (newlines translated)
        self._raw = b""          # bytes read but not decoded yet (incomplete sequence)
        self._pendingcr = False
        self._seennl = 0
        self._snapshot = None    # (byte position of the start of _text's source, source)
        self._eof = False

    def __repr__(self):
        result = "<{}.{}".format(type(self).__module__, type(self).__qualname__)
        try:
            name = self.name
        except AttributeError:
            pass
        else:
            result += " name={0!r}".format(name)
        try:
            mode = self.mode
        except AttributeError:
            pass
        else:
            result += " mode={0!r}".format(mode)
        return result + " encoding={0!r}>".format(self.encoding)

    @property
    def encoding(self):
        return self._encoding

    @property
    def errors(self):
        return self._errors

    @property
    def line_buffering(self):
        return self._line_buffering

    @property
    def write_through(self):
        return self._write_through

    @property
    def buffer(self):
        return self._buffer

    @property
    def name(self):
        return self._buffer.name

    @property
    def closed(self):
        return self._buffer.closed

    @property
    def newlines(self):
        return (None, "\n", "\r", ("\r", "\n"), "\r\n", ("\n", "\r\n"),
                ("\r", "\r\n"), ("\r", "\n", "\r\n"))[self._seennl]

    def fileno(self):
        return self._buffer.fileno()

    def isatty(self):
        return self._buffer.isatty()

    def seekable(self):
        self._checkClosed()
        return self._buffer.seekable()

    def readable(self):
        return self._buffer.readable()

    def writable(self):
        return self._buffer.writable()

    def flush(self):
        self._buffer.flush()

    def close(self):
        if self._buffer is not None and not self.closed:
            try:
                self.flush()
            finally:
                self._buffer.close()

    def detach(self):
        self.flush()
        buffer = self._buffer
        self._buffer = None
        return buffer

    def write(self, s):
        self._checkClosed()
        if not isinstance(s, str):
            raise TypeError("write() argument must be str, not %s" % type(s).__name__)
        length = len(s)
        haslf = "\n" in s
        if haslf and self._writetranslate and self._writenl != "\n":
            s = s.replace("\n", self._writenl)
        data = s.encode(self._codec, self._errors)
        if self._text or self._raw:
            self._rewind()
        self._buffer.write(data)
        if self._line_buffering and (haslf or "\r" in s):
            self.flush()
        elif self._write_through:
            self.flush()
        return length

    def _rewind(self):
        # Drop decoded read-ahead and put the buffer back at the logical position.
        pos = self.tell()
        self._text = ""
        self._raw = b""
        self._snapshot = None
        self._pendingcr = False
        self._buffer.seek(pos)

    def _decode(self, data, final):
        # Decoded text, newlines untranslated; an incomplete UTF-8 tail waits in _raw.
        data = self._raw + data
        if final or self._codec != "utf-8":
            cut = len(data)
        else:
            cut = _utf8_split(data)
        self._raw = data[cut:]
        return data[:cut].decode(self._codec, self._errors)

    def _translate(self, text):
        # Universal newlines on text being returned (it is consumed exactly once).
        if self._readuniversal and ("\r" in text or "\n" in text):
            crlf = text.count("\r\n")
            cr = text.count("\r") - crlf
            lf = text.count("\n") - crlf
            self._seennl |= (lf and 1) | (cr and 2) | (crlf and 4)
            if self._readtranslate and (crlf or cr):
                text = text.replace("\r\n", "\n").replace("\r", "\n")
        return text

    def _read_chunk(self):
        if self._eof:
            return False
        if self._snapshot is None:
            self._snapshot = self._buffer.tell() - len(self._raw)
        data = self._buffer.read1(self._CHUNK_SIZE)
        eof = not data
        text = self._decode(data, eof)
        if text:
            self._text += text
        if eof:
            self._eof = True
        return not eof

    def _prepare_read(self):
        self._checkClosed()
        if not self._buffer.readable():
            raise UnsupportedOperation("not readable")
        self._buffer.flush()
        self._eof = False

    def read(self, size=-1):
        self._prepare_read()
        if size is None:
            size = -1
        elif not isinstance(size, int):
            raise TypeError("argument should be integer or None, not '%s'"
                            % type(size).__name__)
        if size < 0:
            data = self._buffer.read()
            text = self._text + self._decode(data, True)
            self._text = ""
            self._raw = b""
            self._snapshot = None
            return self._translate(text)
        while True:
            if self._readtranslate and "\r" in self._text:
                out = len(self._text.replace("\r\n", "\n"))
                if out > size or self._eof:
                    cut = _src_cut(self._text, size)
                    break
            elif len(self._text) >= size or self._eof:
                cut = min(size, len(self._text))
                break
            self._read_chunk()
        result = self._text[:cut]
        self._consume(cut)
        return self._translate(result)

    def _consume(self, n):
        # Account for `n` characters of _text in the byte position of the text's start.
        if self._snapshot is not None and n:
            self._snapshot += len(self._text[:n].encode(self._codec, self._errors))
        self._text = self._text[n:]
        if not self._text and not self._raw:
            self._snapshot = None

    def readline(self, size=-1):
        self._prepare_read()
        if size is None:
            size = -1
        elif not isinstance(size, int):
            raise TypeError("argument should be integer or None, not '%s'"
                            % type(size).__name__)
        start = 0
        while True:
            text = self._text
            end = -1
            if self._readuniversal:
                i = text.find("\n", start)
                j = text.find("\r", start, i if i >= 0 else len(text))
                if j >= 0:
                    if j + 1 < len(text):
                        end = j + 2 if text[j + 1] == "\n" else j + 1
                    elif self._eof:
                        end = j + 1
                    else:
                        start = j
                        end = -2
                elif i >= 0:
                    end = i + 1
            else:
                i = text.find(self._readnl, start)
                if i >= 0:
                    end = i + len(self._readnl)
            if end >= 0:
                break
            if size >= 0 and len(text) >= size:
                end = size
                break
            if end == -1:
                start = max(0, len(text) - len(self._readnl or "\n") + 1)
            if not self._read_chunk() and self._eof and end == -1:
                end = len(self._text)
                break
        if size >= 0:
            end = min(end, size)
        line = self._text[:end]
        self._consume(end)
        return self._translate(line)

    def __next__(self):
        line = self.readline()
        if not line:
            self._snapshot = None
            raise StopIteration
        return line

    def tell(self):
        self._checkClosed()
        if not self._buffer.seekable():
            raise UnsupportedOperation("underlying stream is not seekable")
        self.flush()
        if self._snapshot is None:
            return self._buffer.tell()
        return self._snapshot

    def seek(self, cookie, whence=0):
        self._checkClosed()
        if not self._buffer.seekable():
            raise UnsupportedOperation("underlying stream is not seekable")
        if whence == 1:
            if cookie != 0:
                raise UnsupportedOperation("can't do nonzero cur-relative seeks")
            cookie = self.tell()
            whence = 0
        elif whence == 2:
            if cookie != 0:
                raise UnsupportedOperation("can't do nonzero end-relative seeks")
            self.flush()
            self._text = ""
            self._raw = b""
            self._snapshot = None
            self._pendingcr = False
            return self._buffer.seek(0, 2)
        elif whence != 0:
            raise ValueError("invalid whence (%r, should be 0, 1 or 2)" % (whence,))
        if cookie < 0:
            raise ValueError("negative seek position %r" % (cookie,))
        self.flush()
        self._text = ""
        self._raw = b""
        self._snapshot = None
        self._pendingcr = False
        self._buffer.seek(cookie)
        return cookie

    def truncate(self, pos=None):
        self.flush()
        if pos is None:
            pos = self.tell()
        return self._buffer.truncate(pos)


class StringIO(_TextIOBase):
    """Text I/O implementation using an in-memory buffer."""

    def __init__(self, initial_value="", newline="\n"):
        if newline is not None and not isinstance(newline, str):
            raise TypeError("newline must be str or None, not %s" % type(newline).__name__)
        if newline not in (None, "", "\n", "\r", "\r\n"):
            raise ValueError("illegal newline value: %r" % (newline,))
        if initial_value is not None and not isinstance(initial_value, str):
            raise TypeError("initial_value must be str or None, not %s"
                            % type(initial_value).__name__)
        self._newline = newline
        self._value = ""
        self._pos = 0
        self._closed = False
        self._seennl = 0
        if initial_value:
            self.write(initial_value)
            self._pos = 0

    @property
    def closed(self):
        return self._closed

    @property
    def line_buffering(self):
        return False

    @property
    def newlines(self):
        if self._newline is not None:
            return None
        return (None, "\n", "\r", ("\r", "\n"), "\r\n", ("\n", "\r\n"),
                ("\r", "\r\n"), ("\r", "\n", "\r\n"))[self._seennl]

    def close(self):
        self._closed = True

    def _check(self):
        if self._closed:
            raise _closed_error()

    def readable(self):
        self._check()
        return True

    def writable(self):
        self._check()
        return True

    def seekable(self):
        self._check()
        return True

    def getvalue(self):
        self._check()
        return self._value

    def write(self, s):
        self._check()
        if not isinstance(s, str):
            raise TypeError("string argument expected, got '%s'" % type(s).__name__)
        n = len(s)
        if self._newline is None:
            crlf = s.count("\r\n")
            cr = s.count("\r") - crlf
            lf = s.count("\n") - crlf
            self._seennl |= (lf and 1) | (cr and 2) | (crlf and 4)
            s = s.replace("\r\n", "\n").replace("\r", "\n")
        elif self._newline not in ("", "\n"):
            s = s.replace("\n", self._newline)
        pos = self._pos
        v = self._value
        if pos == len(v):
            self._value = v + s
        else:
            if pos > len(v):
                v += "\0" * (pos - len(v))
            self._value = v[:pos] + s + v[pos + len(s):]
        self._pos = pos + len(s)
        return n

    def read(self, size=-1):
        self._check()
        if size is None:
            size = -1
        elif not isinstance(size, int):
            raise TypeError("argument should be integer or None, not '%s'"
                            % type(size).__name__)
        start = min(self._pos, len(self._value))
        end = len(self._value) if size < 0 else min(len(self._value), start + size)
        self._pos = max(self._pos, end)
        return self._value[start:end]

    def readline(self, size=-1):
        self._check()
        if size is None:
            size = -1
        elif not isinstance(size, int):
            raise TypeError("argument should be integer or None, not '%s'"
                            % type(size).__name__)
        v = self._value
        start = min(self._pos, len(v))
        if self._newline == "":
            i = v.find("\n", start)
            j = v.find("\r", start)
            if j >= 0 and (i < 0 or j < i):
                end = j + 2 if v[j + 1:j + 2] == "\n" else j + 1
            else:
                end = i + 1 if i >= 0 else len(v)
        else:
            nl = "\n" if self._newline in (None, "\n") else self._newline
            i = v.find(nl, start)
            end = i + len(nl) if i >= 0 else len(v)
        if size >= 0:
            end = min(end, start + size)
        self._pos = max(self._pos, end)
        return v[start:end]

    def tell(self):
        self._check()
        return self._pos

    def seek(self, pos, whence=0):
        self._check()
        if not isinstance(pos, int):
            raise TypeError("an integer is required")
        if whence == 0:
            if pos < 0:
                raise ValueError("Negative seek position %d" % pos)
        elif whence == 1:
            if pos != 0:
                raise OSError("Can't do nonzero cur-relative seeks")
            pos = self._pos
        elif whence == 2:
            if pos != 0:
                raise OSError("Can't do nonzero end-relative seeks")
            pos = len(self._value)
        else:
            raise ValueError("Invalid whence (%d, should be 0, 1 or 2)" % whence)
        self._pos = pos
        return pos

    def truncate(self, pos=None):
        self._check()
        if pos is None:
            pos = self._pos
        elif pos < 0:
            raise ValueError("Negative size value %d" % pos)
        self._value = self._value[:pos]
        return pos

    def __getstate__(self):
        return (self.getvalue(), self._newline, self._pos, None)


class BytesIO(_BufferedIOBase):
    """Buffered I/O implementation using an in-memory bytes buffer."""

    def __init__(self, initial_bytes=None):
        self._buf = bytearray()
        if initial_bytes is not None:
            self._buf += initial_bytes
        self._pos = 0
        self._closed = False

    @property
    def closed(self):
        return self._closed

    def close(self):
        self._closed = True

    def _check(self):
        if self._closed:
            raise _closed_error()

    def readable(self):
        self._check()
        return True

    def writable(self):
        self._check()
        return True

    def seekable(self):
        self._check()
        return True

    def getvalue(self):
        self._check()
        return bytes(self._buf)

    def getbuffer(self):
        self._check()
        return memoryview(self._buf)

    def read(self, size=-1):
        self._check()
        if size is None:
            size = -1
        start = min(self._pos, len(self._buf))
        end = len(self._buf) if size < 0 else min(len(self._buf), start + size)
        self._pos = max(self._pos, end)
        return bytes(self._buf[start:end])

    read1 = read

    def readline(self, size=-1):
        self._check()
        if size is None:
            size = -1
        start = min(self._pos, len(self._buf))
        i = self._buf.find(b"\n", start)
        end = i + 1 if i >= 0 else len(self._buf)
        if size >= 0:
            end = min(end, start + size)
        self._pos = max(self._pos, end)
        return bytes(self._buf[start:end])

    def readinto(self, b):
        data = self.read(len(b))
        n = len(data)
        for i in range(n):  # oxpy: no slice assignment on bytearray yet
            b[i] = data[i]
        return n

    def write(self, b):
        self._check()
        if isinstance(b, str):
            raise TypeError("a bytes-like object is required, not 'str'")
        b = bytes(b)
        n = len(b)
        pos = self._pos
        if pos == len(self._buf):
            self._buf += b
        else:
            buf = bytes(self._buf)
            if pos > len(buf):
                buf += b"\0" * (pos - len(buf))
            self._buf = bytearray(buf[:pos] + b + buf[pos + n:])
        self._pos = pos + n
        return n

    def tell(self):
        self._check()
        return self._pos

    def seek(self, pos, whence=0):
        self._check()
        if not isinstance(pos, int):
            raise TypeError("'%s' object cannot be interpreted as an integer"
                            % type(pos).__name__)
        if whence == 0:
            if pos < 0:
                raise ValueError("negative seek value %d" % pos)
        elif whence == 1:
            pos = max(0, self._pos + pos)
        elif whence == 2:
            pos = max(0, len(self._buf) + pos)
        else:
            raise ValueError("invalid whence (%d, should be 0, 1 or 2)" % whence)
        self._pos = pos
        return pos

    def truncate(self, pos=None):
        self._check()
        if pos is None:
            pos = self._pos
        elif pos < 0:
            raise ValueError("negative size value %d" % pos)
        self._buf = bytearray(bytes(self._buf)[:pos])
        return pos


def open(file, mode="r", buffering=-1, encoding=None, errors=None,
         newline=None, closefd=True, opener=None):
    """Open file and return a stream.  Raise OSError upon failure."""
    if not isinstance(file, int):
        file = _fspath(file)
    if not isinstance(file, (str, bytes, int)):
        raise TypeError("invalid file: %r" % file)
    if not isinstance(mode, str):
        raise TypeError("open() argument 'mode' must be str, not %s" % type(mode).__name__)
    if not isinstance(buffering, int):
        raise TypeError("'%s' object cannot be interpreted as an integer"
                        % type(buffering).__name__)
    if encoding is not None and not isinstance(encoding, str):
        raise TypeError("open() argument 'encoding' must be str or None, not %s"
                        % type(encoding).__name__)
    if errors is not None and not isinstance(errors, str):
        raise TypeError("open() argument 'errors' must be str or None, not %s"
                        % type(errors).__name__)
    modes = set(mode)
    if modes - set("axrwb+tU") or len(mode) > len(modes):
        raise ValueError("invalid mode: '%s'" % mode)
    creating = "x" in modes
    reading = "r" in modes
    writing = "w" in modes
    appending = "a" in modes
    updating = "+" in modes
    text = "t" in modes
    binary = "b" in modes
    if "U" in modes:
        raise ValueError("invalid mode: '%s'" % mode)
    if text and binary:
        raise ValueError("can't have text and binary mode at once")
    if creating + reading + writing + appending > 1:
        raise ValueError("must have exactly one of create/read/write/append mode")
    if not (creating or reading or writing or appending):
        raise ValueError("Must have exactly one of create/read/write/append "
                         "mode and at most one plus")
    if binary and encoding is not None:
        raise ValueError("binary mode doesn't take an encoding argument")
    if binary and errors is not None:
        raise ValueError("binary mode doesn't take an errors argument")
    if binary and newline is not None:
        raise ValueError("binary mode doesn't take a newline argument")
    if binary and buffering == 1:
        import warnings
        warnings.warn("line buffering (buffering=1) isn't supported in binary "
                      "mode, the default buffer size will be used",
                      RuntimeWarning, 2)
    raw = FileIO(file,
                 (creating and "x" or "") +
                 (reading and "r" or "") +
                 (writing and "w" or "") +
                 (appending and "a" or "") +
                 (updating and "+" or ""),
                 closefd, opener=opener)
    result = raw
    try:
        line_buffering = False
        if buffering == 1 or buffering < 0 and raw.isatty():
            buffering = -1
            line_buffering = True
        if buffering < 0:
            buffering = DEFAULT_BUFFER_SIZE
        if buffering == 0:
            if binary:
                return result
            raise ValueError("can't have unbuffered text I/O")
        if updating:
            buffer = BufferedRandom(raw, buffering)
        elif creating or writing or appending:
            buffer = BufferedWriter(raw, buffering)
        else:
            buffer = BufferedReader(raw, buffering)
        result = buffer
        if binary:
            return result
        text = TextIOWrapper(buffer, encoding, errors, newline, line_buffering)
        result = text
        text.mode = mode
        return result
    except:
        result.close()
        raise


open_code = open
