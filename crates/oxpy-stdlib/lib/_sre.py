"""oxpy's _sre: the regular expression engine CPython writes in C (Modules/_sre/sre.c and
sre_lib.h), in Python.

It runs the code CPython's re._compiler emits (3.11, MAGIC 20220615) with the same
semantics: a backtracking matcher whose continuation is the rest of the code, REPEAT /
MAX_UNTIL / MIN_UNTIL contexts, marks restored on backtracking, and the Pattern and Match
objects with CPython's methods, reprs and errors.
"""

MAGIC = 20220615
CODESIZE = 4
MAXREPEAT = 4294967295
MAXGROUPS = 1073741823
copyright = " SRE 2.2.2 Copyright (c) 1997-2002 by Secret Labs AB "

# Opcodes (re._constants.OPCODES order).
(FAILURE, SUCCESS, ANY, ANY_ALL, ASSERT, ASSERT_NOT, AT, BRANCH, CATEGORY, CHARSET,
 BIGCHARSET, GROUPREF, GROUPREF_EXISTS, IN, INFO, JUMP, LITERAL, MARK, MAX_UNTIL,
 MIN_UNTIL, NOT_LITERAL, NEGATE, RANGE, REPEAT, REPEAT_ONE, SUBPATTERN, MIN_REPEAT_ONE,
 ATOMIC_GROUP, POSSESSIVE_REPEAT, POSSESSIVE_REPEAT_ONE, GROUPREF_IGNORE, IN_IGNORE,
 LITERAL_IGNORE, NOT_LITERAL_IGNORE, GROUPREF_LOC_IGNORE, IN_LOC_IGNORE, LITERAL_LOC_IGNORE,
 NOT_LITERAL_LOC_IGNORE, GROUPREF_UNI_IGNORE, IN_UNI_IGNORE, LITERAL_UNI_IGNORE,
 NOT_LITERAL_UNI_IGNORE, RANGE_UNI_IGNORE) = range(43)

(AT_BEGINNING, AT_BEGINNING_LINE, AT_BEGINNING_STRING, AT_BOUNDARY, AT_NON_BOUNDARY,
 AT_END, AT_END_LINE, AT_END_STRING, AT_LOC_BOUNDARY, AT_LOC_NON_BOUNDARY,
 AT_UNI_BOUNDARY, AT_UNI_NON_BOUNDARY) = range(12)

(CATEGORY_DIGIT, CATEGORY_NOT_DIGIT, CATEGORY_SPACE, CATEGORY_NOT_SPACE, CATEGORY_WORD,
 CATEGORY_NOT_WORD, CATEGORY_LINEBREAK, CATEGORY_NOT_LINEBREAK, CATEGORY_LOC_WORD,
 CATEGORY_LOC_NOT_WORD, CATEGORY_UNI_DIGIT, CATEGORY_UNI_NOT_DIGIT, CATEGORY_UNI_SPACE,
 CATEGORY_UNI_NOT_SPACE, CATEGORY_UNI_WORD, CATEGORY_UNI_NOT_WORD, CATEGORY_UNI_LINEBREAK,
 CATEGORY_UNI_NOT_LINEBREAK) = range(18)

SRE_FLAG_IGNORECASE = 2
SRE_FLAG_LOCALE = 4
SRE_FLAG_MULTILINE = 8
SRE_FLAG_DOTALL = 16
SRE_FLAG_UNICODE = 32
SRE_FLAG_VERBOSE = 64
SRE_FLAG_DEBUG = 128
SRE_FLAG_ASCII = 256


def getcodesize():
    return CODESIZE


def ascii_iscased(ch):
    return ch < 128 and (65 <= ch <= 90 or 97 <= ch <= 122)


def unicode_iscased(ch):
    c = chr(ch)
    return c != c.lower() or c != c.upper()


def ascii_tolower(ch):
    return ch + 32 if 65 <= ch <= 90 else ch


def unicode_tolower(ch):
    low = chr(ch).lower()
    return ord(low) if len(low) == 1 else ch


def _unicode_toupper(ch):
    up = chr(ch).upper()
    return ord(up) if len(up) == 1 else ch


def _is_digit(ch):
    return 48 <= ch <= 57


def _is_space(ch):
    return ch in (9, 10, 11, 12, 13, 32)


def _is_word(ch):
    return ch < 128 and (48 <= ch <= 57 or 65 <= ch <= 90 or 97 <= ch <= 122 or ch == 95)


def _uni_word(ch):
    c = chr(ch)
    return c.isalnum() or ch == 95


def _uni_linebreak(ch):
    return ch in (10, 11, 12, 13, 28, 29, 30, 0x85, 0x2028, 0x2029)


def _category(cat, ch):
    if cat == CATEGORY_DIGIT:
        return _is_digit(ch)
    if cat == CATEGORY_NOT_DIGIT:
        return not _is_digit(ch)
    if cat == CATEGORY_SPACE:
        return _is_space(ch)
    if cat == CATEGORY_NOT_SPACE:
        return not _is_space(ch)
    if cat == CATEGORY_WORD or cat == CATEGORY_LOC_WORD:
        return _is_word(ch)
    if cat == CATEGORY_NOT_WORD or cat == CATEGORY_LOC_NOT_WORD:
        return not _is_word(ch)
    if cat == CATEGORY_LINEBREAK:
        return ch == 10
    if cat == CATEGORY_NOT_LINEBREAK:
        return ch != 10
    if cat == CATEGORY_UNI_DIGIT:
        return chr(ch).isdecimal()
    if cat == CATEGORY_UNI_NOT_DIGIT:
        return not chr(ch).isdecimal()
    if cat == CATEGORY_UNI_SPACE:
        return chr(ch).isspace()
    if cat == CATEGORY_UNI_NOT_SPACE:
        return not chr(ch).isspace()
    if cat == CATEGORY_UNI_WORD:
        return _uni_word(ch)
    if cat == CATEGORY_UNI_NOT_WORD:
        return not _uni_word(ch)
    if cat == CATEGORY_UNI_LINEBREAK:
        return _uni_linebreak(ch)
    if cat == CATEGORY_UNI_NOT_LINEBREAK:
        return not _uni_linebreak(ch)
    return False


def _charset(code, p, ch):
    """SRE(charset): is `ch` in the set starting at code[p]?"""
    ok = True
    while True:
        op = code[p]
        p += 1
        if op == FAILURE:
            return not ok
        if op == LITERAL:
            if ch == code[p]:
                return ok
            p += 1
        elif op == CATEGORY:
            if _category(code[p], ch):
                return ok
            p += 1
        elif op == CHARSET:
            if ch < 256 and code[p + (ch >> 5)] & (1 << (ch & 31)):
                return ok
            p += 8
        elif op == RANGE:
            if code[p] <= ch <= code[p + 1]:
                return ok
            p += 2
        elif op == RANGE_UNI_IGNORE:
            if code[p] <= ch <= code[p + 1]:
                return ok
            up = _unicode_toupper(ch)
            if code[p] <= up <= code[p + 1]:
                return ok
            p += 2
        elif op == NEGATE:
            ok = not ok
        elif op == BIGCHARSET:
            count = code[p]
            p += 1
            if ch < 65536:
                word = code[p + ((ch >> 8) >> 2)]
                block = (word >> (((ch >> 8) & 3) * 8)) & 255
                base = p + 64 + block * 8
                if code[base + ((ch & 255) >> 5)] & (1 << (ch & 31)):
                    return ok
            p += 64 + count * 8
        else:
            raise RuntimeError("internal error in regular expression engine")


class _Repeat:
    __slots__ = ("count", "pc", "last", "prev")

    def __init__(self, pc, prev):
        self.count = -1
        self.pc = pc
        self.last = -1
        self.prev = prev


class _State:
    """The match state (SRE_STATE): the subject as code points, marks and repeats."""

    def __init__(self, string, text, pos, endpos, code):
        self.string = string
        self.text = text
        self.start = pos
        self.end = endpos
        self.code = code
        self.marks = []
        self.repeat = None
        self.match_all = False
        self.must_advance = False

    def mark(self, i, pos):
        marks = self.marks
        while len(marks) <= i:
            marks.append(-1)
        marks[i] = pos

    def at(self, atcode, pos):
        text = self.text
        end = self.end
        if atcode == AT_BEGINNING or atcode == AT_BEGINNING_STRING:
            return pos == 0
        if atcode == AT_BEGINNING_LINE:
            return pos == 0 or text[pos - 1] == 10
        if atcode == AT_END:
            return pos == end or (pos + 1 == end and text[pos] == 10)
        if atcode == AT_END_LINE:
            return pos == end or text[pos] == 10
        if atcode == AT_END_STRING:
            return pos == end
        if atcode in (AT_BOUNDARY, AT_NON_BOUNDARY, AT_LOC_BOUNDARY, AT_LOC_NON_BOUNDARY):
            if self.start == end and False:
                return False
            that = pos > 0 and _is_word(text[pos - 1])
            this = pos < end and _is_word(text[pos])
            if atcode in (AT_BOUNDARY, AT_LOC_BOUNDARY):
                return end > 0 and this != that
            return end > 0 and this == that
        if atcode in (AT_UNI_BOUNDARY, AT_UNI_NON_BOUNDARY):
            that = pos > 0 and _uni_word(text[pos - 1])
            this = pos < end and _uni_word(text[pos])
            if atcode == AT_UNI_BOUNDARY:
                return end > 0 and this != that
            return end > 0 and this == that
        return False

    def one(self, pc, pos):
        """Does the single-character item at code[pc] match text[pos]? (pos < end)"""
        code = self.code
        op = code[pc]
        ch = self.text[pos]
        if op == ANY:
            return ch != 10
        if op == ANY_ALL:
            return True
        if op == LITERAL:
            return ch == code[pc + 1]
        if op == NOT_LITERAL:
            return ch != code[pc + 1]
        if op == IN:
            return _charset(code, pc + 2, ch)
        if op == IN_IGNORE:
            return _charset(code, pc + 2, ascii_tolower(ch))
        if op == IN_UNI_IGNORE:
            return _charset(code, pc + 2, unicode_tolower(ch))
        if op == IN_LOC_IGNORE:
            return (_charset(code, pc + 2, ch) or _charset(code, pc + 2, ascii_tolower(ch))
                    or _charset(code, pc + 2, _unicode_toupper(ch)))
        if op == LITERAL_IGNORE:
            return ascii_tolower(ch) == code[pc + 1]
        if op == NOT_LITERAL_IGNORE:
            return ascii_tolower(ch) != code[pc + 1]
        if op == LITERAL_UNI_IGNORE:
            return unicode_tolower(ch) == code[pc + 1]
        if op == NOT_LITERAL_UNI_IGNORE:
            return unicode_tolower(ch) != code[pc + 1]
        if op == LITERAL_LOC_IGNORE:
            c = code[pc + 1]
            return ch == c or ascii_tolower(ch) == c or _unicode_toupper(ch) == c
        if op == NOT_LITERAL_LOC_IGNORE:
            c = code[pc + 1]
            return not (ch == c or ascii_tolower(ch) == c or _unicode_toupper(ch) == c)
        if op == CATEGORY:
            return _category(code[pc + 1], ch)
        raise RuntimeError("internal error in regular expression engine")

    def count(self, pc, pos, maxcount):
        """SRE(count): how many times the single-width item at code[pc] matches from pos."""
        end = self.end
        limit = end if maxcount == MAXREPEAT else min(end, pos + maxcount)
        code = self.code
        op = code[pc]
        text = self.text
        i = pos
        if op == ANY_ALL:
            return limit - pos
        if op == LITERAL:
            c = code[pc + 1]
            while i < limit and text[i] == c:
                i += 1
            return i - pos
        if op == NOT_LITERAL:
            c = code[pc + 1]
            while i < limit and text[i] != c:
                i += 1
            return i - pos
        if op == ANY:
            while i < limit and text[i] != 10:
                i += 1
            return i - pos
        if op in (IN, IN_IGNORE, IN_UNI_IGNORE, IN_LOC_IGNORE, LITERAL_IGNORE,
                  NOT_LITERAL_IGNORE, LITERAL_UNI_IGNORE, NOT_LITERAL_UNI_IGNORE,
                  LITERAL_LOC_IGNORE, NOT_LITERAL_LOC_IGNORE, CATEGORY):
            one = self.one
            while i < limit and one(pc, i):
                i += 1
            return i - pos
        # General case: a one-character subpattern.
        marks = self.marks[:]
        while i < limit:
            r = self.match(pc, i, False)
            if r < 0:
                break
            i = r
        self.marks = marks
        return i - pos

    def groupref(self, group, pos, fold):
        marks = self.marks
        if 2 * group + 1 >= len(marks):
            return -1
        s, e = marks[2 * group], marks[2 * group + 1]
        if s < 0 or e < 0 or e < s:
            return -1
        n = e - s
        if pos + n > self.end:
            return -1
        text = self.text
        for k in range(n):
            a, b = text[s + k], text[pos + k]
            if a != b and (fold is None or fold(a) != fold(b)):
                return -1
        return pos + n

    def match(self, pc, pos, toplevel):
        """SRE(match): the end of a match of code[pc:] at pos, or -1."""
        code = self.code
        text = self.text
        end = self.end
        while True:
            op = code[pc]
            if op == SUCCESS:
                if toplevel:
                    if self.match_all and pos != end:
                        return -1
                    if self.must_advance and pos == self.start:
                        return -1
                return pos
            if op == FAILURE:
                return -1
            if op in (ANY, ANY_ALL, LITERAL, NOT_LITERAL, LITERAL_IGNORE, NOT_LITERAL_IGNORE,
                      LITERAL_UNI_IGNORE, NOT_LITERAL_UNI_IGNORE, LITERAL_LOC_IGNORE,
                      NOT_LITERAL_LOC_IGNORE, CATEGORY):
                if pos >= end or not self.one(pc, pos):
                    return -1
                pos += 1
                pc += 1 if op in (ANY, ANY_ALL) else 2
            elif op in (IN, IN_IGNORE, IN_UNI_IGNORE, IN_LOC_IGNORE):
                if pos >= end or not self.one(pc, pos):
                    return -1
                pos += 1
                pc += 1 + code[pc + 1]
            elif op == INFO:
                if code[pc + 3] and end - pos < code[pc + 3]:
                    return -1
                pc += 1 + code[pc + 1]
            elif op == JUMP:
                pc += 1 + code[pc + 1]
            elif op == MARK:
                self.mark(code[pc + 1], pos)
                pc += 2
            elif op == AT:
                if not self.at(code[pc + 1], pos):
                    return -1
                pc += 2
            elif op == BRANCH:
                marks = self.marks[:]
                p = pc + 1
                while code[p]:
                    r = self.match(p + 1, pos, toplevel)
                    if r >= 0:
                        return r
                    self.marks = marks[:]
                    p += code[p]
                return -1
            elif op == REPEAT_ONE or op == MIN_REPEAT_ONE or op == POSSESSIVE_REPEAT_ONE:
                skip, mn, mx = code[pc + 1], code[pc + 2], code[pc + 3]
                item = pc + 4
                tail = pc + 1 + skip
                if pos + mn > end:
                    return -1
                if op == MIN_REPEAT_ONE:
                    if mn:
                        c = self.count(item, pos, mn)
                        if c < mn:
                            return -1
                    else:
                        c = 0
                    p = pos + c
                    marks = self.marks[:]
                    while True:
                        if code[tail] == SUCCESS and not toplevel:
                            return p
                        r = self.match(tail, p, toplevel)
                        if r >= 0:
                            return r
                        self.marks = marks[:]
                        if (mx != MAXREPEAT and c >= mx) or p >= end:
                            return -1
                        if self.count(item, p, 1) == 0:
                            return -1
                        p += 1
                        c += 1
                c = self.count(item, pos, mx)
                if c < mn:
                    return -1
                if op == POSSESSIVE_REPEAT_ONE:
                    pos += c
                    pc = tail
                    continue
                if code[tail] == SUCCESS and not (toplevel and (self.match_all or self.must_advance)):
                    return pos + c
                marks = self.marks[:]
                lit = code[tail + 1] if code[tail] == LITERAL else None
                while c >= mn:
                    p = pos + c
                    if lit is None or (p < end and text[p] == lit):
                        r = self.match(tail, p, toplevel)
                        if r >= 0:
                            return r
                        self.marks = marks[:]
                    c -= 1
                return -1
            elif op == REPEAT:
                rp = _Repeat(pc, self.repeat)
                self.repeat = rp
                r = self.match(pc + 1 + code[pc + 1], pos, toplevel)
                self.repeat = rp.prev
                return r
            elif op == MAX_UNTIL:
                rp = self.repeat
                if rp is None:
                    raise RuntimeError("internal error in regular expression engine")
                rpc = rp.pc
                mn, mx = code[rpc + 2], code[rpc + 3]
                count = rp.count + 1
                if count < mn:
                    rp.count = count
                    r = self.match(rpc + 4, pos, toplevel)
                    if r >= 0:
                        return r
                    rp.count = count - 1
                    return -1
                if (count < mx or mx == MAXREPEAT) and pos != rp.last:
                    rp.count = count
                    marks = self.marks[:]
                    last = rp.last
                    rp.last = pos
                    r = self.match(rpc + 4, pos, toplevel)
                    rp.last = last
                    if r >= 0:
                        return r
                    rp.count = count - 1
                    self.marks = marks
                self.repeat = rp.prev
                r = self.match(pc + 1, pos, toplevel)
                self.repeat = rp
                return r
            elif op == MIN_UNTIL:
                rp = self.repeat
                if rp is None:
                    raise RuntimeError("internal error in regular expression engine")
                rpc = rp.pc
                mn, mx = code[rpc + 2], code[rpc + 3]
                count = rp.count + 1
                if count < mn:
                    rp.count = count
                    r = self.match(rpc + 4, pos, toplevel)
                    if r >= 0:
                        return r
                    rp.count = count - 1
                    return -1
                marks = self.marks[:]
                self.repeat = rp.prev
                r = self.match(pc + 1, pos, toplevel)
                self.repeat = rp
                if r >= 0:
                    return r
                self.marks = marks
                if (count >= mx and mx != MAXREPEAT) or pos == rp.last:
                    return -1
                rp.count = count
                last = rp.last
                rp.last = pos
                r = self.match(rpc + 4, pos, toplevel)
                rp.last = last
                if r >= 0:
                    return r
                rp.count = count - 1
                return -1
            elif op == POSSESSIVE_REPEAT:
                skip, mn, mx = code[pc + 1], code[pc + 2], code[pc + 3]
                body = pc + 4
                saved = self.repeat
                self.repeat = None
                c = 0
                while c < mn:
                    r = self.match(body, pos, False)
                    if r < 0:
                        self.repeat = saved
                        return -1
                    pos = r
                    c += 1
                while mx == MAXREPEAT or c < mx:
                    marks = self.marks[:]
                    r = self.match(body, pos, False)
                    if r < 0 or r == pos:
                        self.marks = marks if r < 0 else self.marks
                        break
                    pos = r
                    c += 1
                self.repeat = saved
                pc += 1 + skip
            elif op == ATOMIC_GROUP:
                saved = self.repeat
                self.repeat = None
                r = self.match(pc + 2, pos, False)
                self.repeat = saved
                if r < 0:
                    return -1
                pos = r
                pc += 1 + code[pc + 1]
            elif op == GROUPREF or op == GROUPREF_IGNORE or op == GROUPREF_UNI_IGNORE \
                    or op == GROUPREF_LOC_IGNORE:
                fold = None if op == GROUPREF else (
                    ascii_tolower if op == GROUPREF_IGNORE else unicode_tolower)
                r = self.groupref(code[pc + 1], pos, fold)
                if r < 0:
                    return -1
                pos = r
                pc += 2
            elif op == GROUPREF_EXISTS:
                g = code[pc + 1]
                marks = self.marks
                if (2 * g + 1 < len(marks) and marks[2 * g] >= 0 and marks[2 * g + 1] >= 0
                        and marks[2 * g] <= marks[2 * g + 1]):
                    pc += 3
                else:
                    pc += 1 + code[pc + 2]
            elif op == ASSERT:
                back = code[pc + 2]
                if pos - back < 0:
                    return -1
                saved_end = self.end
                r = self.match(pc + 3, pos - back, False)
                if r < 0:
                    return -1
                pc += 1 + code[pc + 1]
            elif op == ASSERT_NOT:
                back = code[pc + 2]
                if pos - back >= 0:
                    marks = self.marks[:]
                    r = self.match(pc + 3, pos - back, False)
                    self.marks = marks
                    if r >= 0:
                        return -1
                pc += 1 + code[pc + 1]
            else:
                raise RuntimeError("internal error in regular expression engine (op %d)" % op)


def _subject(string):
    if isinstance(string, str):
        return list(map(ord, string)), True
    if isinstance(string, (bytes, bytearray)):
        return list(string), False
    try:
        data = bytes(memoryview(string))
    except Exception:
        raise TypeError("expected string or bytes-like object, got '%s'"
                        % type(string).__name__) from None
    return list(data), False


def _bounds(n, pos, endpos):
    if pos < 0:
        pos = 0
    elif pos > n:
        pos = n
    if endpos < 0:
        endpos = 0
    elif endpos > n:
        endpos = n
    return pos, endpos


class Pattern:
    """Compiled regular expression object."""

    def __init__(self, pattern, flags, code, groups, groupindex, indexgroup):
        self.pattern = pattern
        self.flags = flags
        self._code = code
        self.groups = groups
        self._groupindex = dict(groupindex)
        self._indexgroup = indexgroup
        self._isstr = not isinstance(pattern, (bytes, bytearray)) if pattern is not None else True

    @property
    def groupindex(self):
        import types
        return types.MappingProxyType(self._groupindex)

    def __repr__(self):
        flags = self.flags
        names = []
        if self._isstr:
            flags &= ~SRE_FLAG_UNICODE
        for name, v in (("re.TEMPLATE", 1), ("re.IGNORECASE", 2), ("re.LOCALE", 4),
                        ("re.MULTILINE", 8), ("re.DOTALL", 16), ("re.UNICODE", 32),
                        ("re.VERBOSE", 64), ("re.DEBUG", 128), ("re.ASCII", 256)):
            if flags & v:
                names.append(name)
                flags &= ~v
        if flags:
            names.append(hex(flags))
        p = repr(self.pattern)
        if len(p) > 200:
            p = p[:200]
        if names:
            return "re.compile(%s, %s)" % (p, "|".join(names))
        return "re.compile(%s)" % p

    def __eq__(self, other):
        if not isinstance(other, Pattern):
            return NotImplemented
        return (self.pattern == other.pattern and self.flags == other.flags
                and self._code == other._code)

    def __hash__(self):
        return hash((self.pattern, self.flags))

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __reduce__(self):
        import re
        return re._compile, (self.pattern, self.flags)

    def __class_getitem__(cls, item):
        return cls

    def _check(self, string):
        if self._isstr and not isinstance(string, str):
            raise TypeError("cannot use a string pattern on a bytes-like object")
        if not self._isstr and isinstance(string, str):
            raise TypeError("cannot use a bytes pattern on a string-like object")

    def _state(self, string, pos, endpos, text=None):
        self._check(string)
        if text is None:
            text, _ = _subject(string)
        pos, endpos = _bounds(len(text), pos, endpos)
        st = _State(string, text, pos, endpos, self._code)
        st.orig_pos = pos
        return st

    def _run(self, state, pos, search):
        state.marks = []
        state.repeat = None
        if not search:
            r = state.match(0, pos, True)
            return (pos, r) if r >= 0 else None
        code = self._code
        prefix_lit = None
        pc = 0
        if code[0] == INFO:
            pc = 1 + code[1]
        if code[pc] == LITERAL:
            prefix_lit = code[pc + 1]
        text = state.text
        end = state.end
        while pos <= end:
            if prefix_lit is not None:
                while pos < end and text[pos] != prefix_lit:
                    pos += 1
                if pos >= end:
                    return None
            state.start = pos
            state.marks = []
            state.repeat = None
            r = state.match(0, pos, True)
            if r >= 0:
                return (pos, r)
            pos += 1
            state.must_advance = False
        return None

    def _make_match(self, state, span):
        return Match(self, state, span[0], span[1])

    def match(self, string, pos=0, endpos=MAXREPEAT):
        """Matches zero or more characters at the beginning of the string."""
        st = self._state(string, pos, endpos)
        r = self._run(st, st.start, False)
        return None if r is None else self._make_match(st, r)

    def fullmatch(self, string, pos=0, endpos=MAXREPEAT):
        """Matches against all of the string."""
        st = self._state(string, pos, endpos)
        st.match_all = True
        r = self._run(st, st.start, False)
        return None if r is None else self._make_match(st, r)

    def search(self, string, pos=0, endpos=MAXREPEAT):
        """Scan through string looking for a match, and return a corresponding match
        object instance."""
        st = self._state(string, pos, endpos)
        r = self._run(st, st.start, True)
        return None if r is None else self._make_match(st, r)

    def _iter(self, string, pos, endpos):
        st = self._state(string, pos, endpos)
        start = st.start
        must_advance = False
        while start <= st.end:
            st.must_advance = must_advance
            r = self._run(st, start, True)
            if r is None:
                return
            yield self._make_match(st, r)
            start = r[1]
            must_advance = r[0] == r[1]

    def finditer(self, string, pos=0, endpos=MAXREPEAT):
        """Return an iterator over all non-overlapping matches for the RE pattern in
        string."""
        return self._iter(string, pos, endpos)

    def findall(self, string, pos=0, endpos=MAXREPEAT):
        """Return a list of all non-overlapping matches of pattern in string."""
        out = []
        for m in self._iter(string, pos, endpos):
            if self.groups == 0:
                out.append(m.group(0))
            elif self.groups == 1:
                out.append(m._group_or_empty(1))
            else:
                out.append(tuple(m._group_or_empty(i) for i in range(1, self.groups + 1)))
        return out

    def scanner(self, string, pos=0, endpos=MAXREPEAT):
        return _Scanner(self, string, pos, endpos)

    def split(self, string, maxsplit=0):
        """Split string by the occurrences of pattern."""
        out = []
        last = 0
        n = 0
        for m in self._iter(string, 0, MAXREPEAT):
            if maxsplit and n >= maxsplit:
                break
            out.append(string[last:m.start()])
            for i in range(1, self.groups + 1):
                out.append(m.group(i))
            last = m.end()
            n += 1
        out.append(string[last:])
        return out

    def _subx(self, repl, string, count):
        if callable(repl):
            filter = repl
            literal = None
        else:
            self._check_repl(repl)
            sep = "\\" if isinstance(repl, str) else b"\\"
            if sep in repl:
                import re
                filter = re._subx(self, repl)
                literal = None
                if not callable(filter):
                    literal, filter = filter, None
            else:
                filter = None
                literal = repl
        pieces = []
        last = 0
        n = 0
        for m in self._iter(string, 0, MAXREPEAT):
            if count and n >= count:
                break
            pieces.append(string[last:m.start()])
            if literal is not None:
                pieces.append(literal)
            else:
                r = filter(m)
                if r is not None:
                    pieces.append(r)
            last = m.end()
            n += 1
        pieces.append(string[last:])
        empty = "" if isinstance(string, str) else b""
        if not self._isstr and isinstance(string, (bytearray, memoryview)):
            return bytes(empty.join(bytes(p) for p in pieces)), n
        return empty.join(pieces), n

    def _check_repl(self, repl):
        if self._isstr and not isinstance(repl, str):
            raise TypeError("expected str instance, %s found" % type(repl).__name__)
        if not self._isstr and isinstance(repl, str):
            raise TypeError("expected a bytes-like object, %s found" % type(repl).__name__)

    def sub(self, repl, string, count=0):
        """Return the string obtained by replacing the leftmost non-overlapping
        occurrences of pattern in string by the replacement repl."""
        self._check(string)
        return self._subx(repl, string, count)[0]

    def subn(self, repl, string, count=0):
        """Return the tuple (new_string, number_of_subs_made) found by replacing the
        leftmost non-overlapping occurrences of pattern with the replacement repl."""
        self._check(string)
        return self._subx(repl, string, count)


Pattern.__module__ = "re"


class _Scanner:
    def __init__(self, pattern, string, pos, endpos):
        self.pattern = pattern
        self._string = string
        self._state = pattern._state(string, pos, endpos)
        self._pos = self._state.start
        self._must_advance = False

    def _next(self, search):
        st = self._state
        if self._pos > st.end:
            return None
        st.must_advance = self._must_advance
        r = self.pattern._run(st, self._pos, search)
        if r is None:
            self._pos = st.end + 1
            return None
        self._must_advance = r[0] == r[1]
        self._pos = r[1]
        return self.pattern._make_match(st, r)

    def match(self):
        return self._next(False)

    def search(self):
        return self._next(True)


class Match:
    """The result of re.match() and re.search()."""

    def __init__(self, pattern, state, start, end):
        self.re = pattern
        self.string = state.string
        marks = state.marks
        spans = [(start, end)]
        lastindex = None
        for i in range(pattern.groups):
            if 2 * i + 1 < len(marks):
                s, e = marks[2 * i], marks[2 * i + 1]
                if s >= 0 and e >= 0 and s <= e:
                    spans.append((s, e))
                    continue
            spans.append((-1, -1))
        # lastindex: the group whose closing mark was set last (highest mark index set).
        last_mark = -1
        for i in range(len(marks) - 1, -1, -1):
            if marks[i] >= 0 and i % 2 == 1:
                s = marks[i - 1]
                if s >= 0 and s <= marks[i]:
                    last_mark = i
                    break
        if last_mark >= 0:
            lastindex = last_mark // 2 + 1
        self._spans = spans
        self.lastindex = lastindex
        self.pos = state.orig_pos
        self.endpos = state.end

    @property
    def lastgroup(self):
        if self.lastindex is None:
            return None
        ig = self.re._indexgroup
        if ig is None or self.lastindex >= len(ig):
            return None
        return ig[self.lastindex]

    @property
    def regs(self):
        return tuple(self._spans)

    def _index(self, g):
        if isinstance(g, int) and not isinstance(g, bool) or isinstance(g, bool):
            i = int(g)
            if 0 <= i <= self.re.groups:
                return i
        elif isinstance(g, str) or isinstance(g, bytes):
            i = self.re._groupindex.get(g)
            if i is not None:
                return i
        else:
            try:
                i = g.__index__()
            except AttributeError:
                i = None
            if i is not None and 0 <= i <= self.re.groups:
                return i
        raise IndexError("no such group")

    def _get(self, i, default=None):
        s, e = self._spans[i]
        if s < 0:
            return default
        return self.string[s:e]

    def _group_or_empty(self, i):
        return self._get(i, self.string[:0])

    def group(self, *args):
        """Return one or more subgroups of the match."""
        if not args:
            return self._get(0)
        if len(args) == 1:
            return self._get(self._index(args[0]))
        return tuple(self._get(self._index(a)) for a in args)

    def __getitem__(self, g):
        return self._get(self._index(g))

    def groups(self, default=None):
        """Return a tuple containing all the subgroups of the match."""
        return tuple(self._get(i, default) for i in range(1, self.re.groups + 1))

    def groupdict(self, default=None):
        """Return a dictionary containing all the named subgroups of the match."""
        return {name: self._get(i, default) for name, i in self.re._groupindex.items()}

    def start(self, group=0):
        """Return index of the start of the substring matched by group."""
        return self._spans[self._index(group)][0]

    def end(self, group=0):
        """Return index of the end of the substring matched by group."""
        return self._spans[self._index(group)][1]

    def span(self, group=0):
        """For match object m, return the 2-tuple (m.start(group), m.end(group))."""
        return self._spans[self._index(group)]

    def expand(self, template):
        """Return the string obtained by doing backslash substitution on the string
        template, as done by the sub() method."""
        import re
        return re._expand(self.re, self, template)

    def __repr__(self):
        return "<re.Match object; span=%r, match=%r>" % (self._spans[0], self.group(0))

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __class_getitem__(cls, item):
        return cls


Match.__module__ = "re"


def compile(pattern, flags, code, groups, groupindex, indexgroup):
    return Pattern(pattern, flags, [int(c) for c in code], groups, groupindex, indexgroup)
