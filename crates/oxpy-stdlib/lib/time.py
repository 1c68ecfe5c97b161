"""This module provides various functions to manipulate time values.

oxpy: the clocks, sleep and the C library's local time conversions are native
(_oxpy_time); struct_time, gmtime, strftime, asctime and ctime are written here after
CPython 3.11's timemodule.c.
"""

from _oxpy_time import *
import _oxpy_time


def _init_timezone():
    # CPython's init_timezone on glibc: the zones of January 1 and July 1 of this year.
    year = (365 * 24 + 6) * 3600
    t = (int(_oxpy_time.time()) // year) * year
    jan = _oxpy_time._localtime(t)
    jul = _oxpy_time._localtime(t + year // 2)
    janzone, julzone = -jan[10], -jul[10]
    if janzone < julzone:
        # DST is reversed in the southern hemisphere.
        return julzone, janzone, int(janzone != julzone), (jul[9], jan[9])
    return janzone, julzone, int(janzone != julzone), (jan[9], jul[9])


timezone, altzone, daylight, tzname = _init_timezone()

_FIELDS = ('tm_year', 'tm_mon', 'tm_mday', 'tm_hour', 'tm_min', 'tm_sec',
           'tm_wday', 'tm_yday', 'tm_isdst')


class struct_time(tuple):
    """The time value as returned by gmtime(), localtime(), and strptime(), and
 accepted by asctime(), mktime() and strftime().  May be considered as a
 sequence of 9 integers."""

    n_sequence_fields = 9
    n_fields = 11
    n_unnamed_fields = 0
    __match_args__ = _FIELDS

    def __new__(cls, seq, dict=None):
        seq = tuple(seq)
        if not 9 <= len(seq) <= 11:
            if len(seq) < 9:
                raise TypeError("time.struct_time() takes an at least 9-sequence "
                                "(%d-sequence given)" % len(seq))
            raise TypeError("time.struct_time() takes an at most 11-sequence "
                            "(%d-sequence given)" % len(seq))
        self = tuple.__new__(cls, seq[:9])
        extra = seq[9:] + (None,) * (11 - len(seq))
        self._zone, self._gmtoff = extra
        return self

    tm_year = property(lambda self: self[0])
    tm_mon = property(lambda self: self[1])
    tm_mday = property(lambda self: self[2])
    tm_hour = property(lambda self: self[3])
    tm_min = property(lambda self: self[4])
    tm_sec = property(lambda self: self[5])
    tm_wday = property(lambda self: self[6])
    tm_yday = property(lambda self: self[7])
    tm_isdst = property(lambda self: self[8])
    tm_zone = property(lambda self: self._zone)
    tm_gmtoff = property(lambda self: self._gmtoff)

    def __repr__(self):
        return "time.struct_time(%s)" % ", ".join(
            "%s=%r" % (n, v) for n, v in zip(_FIELDS, self))

    def __reduce__(self):
        return (struct_time, (tuple(self) + (self._zone, self._gmtoff),))


struct_time.__module__ = 'time'


def _days_from_civil(y, m, d):
    y -= m <= 2
    era = (y if y >= 0 else y - 399) // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def _civil_from_days(z):
    z += 719468
    era = (z if z >= 0 else z - 146096) // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + (3 if mp < 10 else -9)
    return y + (m <= 2), m, d


def _isleap(y):
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def _seconds(secs):
    if secs is None:
        return int(_oxpy_time.time())
    if isinstance(secs, float):
        if secs != secs:
            raise ValueError("Invalid value NaN (not a number)")
        return int(secs // 1)
    if not isinstance(secs, int):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(secs).__name__)
    return secs


def gmtime(secs=None):
    """Convert seconds since the Epoch to a time tuple expressing UTC (a.k.a. GMT)."""
    t = _seconds(secs)
    days, rem = divmod(t, 86400)
    y, m, d = _civil_from_days(days)
    hh, rem = divmod(rem, 3600)
    mm, ss = divmod(rem, 60)
    wday = (days + 3) % 7
    yday = days - _days_from_civil(y, 1, 1) + 1
    return struct_time((y, m, d, hh, mm, ss, wday, yday, 0, 'UTC', 0))


def localtime(secs=None):
    """Convert seconds since the Epoch to a time tuple expressing local time."""
    f = _oxpy_time._localtime(_seconds(secs))
    return struct_time(f)


def mktime(t):
    """Convert a time tuple in local time to seconds since the Epoch."""
    if not isinstance(t, tuple):
        raise TypeError("Tuple or struct_time argument required")
    if len(t) != 9:
        raise TypeError("mktime(): illegal time tuple argument")
    return _oxpy_time._mktime(*t)


_DAYS = ('Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun')
_DAYNAMES = ('Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday')
_MONTHS = ('Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec')
_MONTHNAMES = ('January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
               'September', 'October', 'November', 'December')


def _checked(t, fname):
    if t is None:
        return localtime()
    if not isinstance(t, tuple):
        raise TypeError("Tuple or struct_time argument required")
    if len(t) != 9:
        raise TypeError("%s(): illegal time tuple argument" % fname)
    t = tuple(t)
    if not 1 <= t[1] <= 12:
        if t[1] == 0:
            t = t[:1] + (1,) + t[2:]
        else:
            raise ValueError("month out of range")
    if t[2] == 0:
        t = t[:2] + (1,) + t[3:]
    elif not 1 <= t[2] <= 31:
        raise ValueError("day of month out of range")
    if not 0 <= t[3] <= 23:
        raise ValueError("hour out of range")
    if not 0 <= t[4] <= 59:
        raise ValueError("minute out of range")
    if not 0 <= t[5] <= 61:
        raise ValueError("seconds out of range")
    if t[6] < 0:
        raise ValueError("day of week out of range")
    if t[7] == 0:
        t = t[:7] + (1,) + t[8:]
    elif not 1 <= t[7] <= 366:
        raise ValueError("day of year out of range")
    return t


def strftime(format, t=None):
    """Convert a time tuple to a string according to a format specification."""
    if not isinstance(format, str):
        raise TypeError("strftime() argument 1 must be str, not %s" % type(format).__name__)
    zone_of = t if isinstance(t, struct_time) else None
    t = _checked(t, "strftime")
    y, mo, d, h, mi, s, wd, yd, isdst = t[:9]
    t = zone_of
    wd %= 7
    out = []
    i = 0
    n = len(format)
    while i < n:
        c = format[i]
        if c != '%' or i + 1 >= n:
            out.append(c)
            i += 1
            continue
        f = format[i + 1]
        i += 2
        if f == 'Y':
            out.append(str(y))
        elif f == 'y':
            out.append('%02d' % (y % 100))
        elif f == 'C':
            out.append('%02d' % (y // 100))
        elif f == 'm':
            out.append('%02d' % mo)
        elif f == 'd':
            out.append('%02d' % d)
        elif f == 'e':
            out.append('%2d' % d)
        elif f == 'H':
            out.append('%02d' % h)
        elif f == 'I':
            out.append('%02d' % ((h % 12) or 12))
        elif f == 'M':
            out.append('%02d' % mi)
        elif f == 'S':
            out.append('%02d' % s)
        elif f == 'p':
            out.append('AM' if h < 12 else 'PM')
        elif f == 'a':
            out.append(_DAYS[wd])
        elif f == 'A':
            out.append(_DAYNAMES[wd])
        elif f == 'b' or f == 'h':
            out.append(_MONTHS[mo - 1])
        elif f == 'B':
            out.append(_MONTHNAMES[mo - 1])
        elif f == 'j':
            out.append('%03d' % yd)
        elif f == 'w':
            out.append(str((wd + 1) % 7))
        elif f == 'u':
            out.append(str(wd + 1))
        elif f == 'U':
            out.append('%02d' % ((yd + 6 - (wd + 1) % 7) // 7))
        elif f == 'W':
            out.append('%02d' % ((yd + 6 - wd) // 7))
        elif f == 'Z':
            out.append(_zone(t, isdst))
        elif f == 'z':
            off = _gmtoff(t, isdst)
            sign = '-' if off < 0 else '+'
            off = abs(off) // 60
            out.append('%s%02d%02d' % (sign, off // 60, off % 60))
        elif f == 'D':
            out.append('%02d/%02d/%02d' % (mo, d, y % 100))
        elif f == 'F':
            out.append('%d-%02d-%02d' % (y, mo, d))
        elif f == 'T':
            out.append('%02d:%02d:%02d' % (h, mi, s))
        elif f == 'R':
            out.append('%02d:%02d' % (h, mi))
        elif f == 'c':
            out.append('%s %s %2d %02d:%02d:%02d %d' % (_DAYS[wd], _MONTHS[mo - 1], d, h, mi, s, y))
        elif f == 'x':
            out.append('%02d/%02d/%02d' % (mo, d, y % 100))
        elif f == 'X':
            out.append('%02d:%02d:%02d' % (h, mi, s))
        elif f == 'n':
            out.append('\n')
        elif f == 't':
            out.append('\t')
        elif f == '%':
            out.append('%')
        else:
            out.append('%' + f)
    return ''.join(out)


# A struct_time carries its zone; a plain tuple gets the C library's tzname and offset 0,
# as CPython's gettmarg leaves tm_zone NULL and tm_gmtoff 0 for glibc's strftime.
def _zone(t, isdst):
    zone = getattr(t, 'tm_zone', None)
    if zone is not None:
        return zone
    return _oxpy_time._c_tzname()[1 if isdst > 0 else 0]


def _gmtoff(t, isdst):
    off = getattr(t, 'tm_gmtoff', None)
    return 0 if off is None else off


def asctime(t=None):
    """Convert a time tuple to a string, e.g. 'Sat Jun 06 16:26:11 1998'."""
    t = _checked(t, "asctime")
    return '%s %s %2d %02d:%02d:%02d %d' % (
        _DAYS[t[6] % 7], _MONTHS[t[1] - 1], t[2], t[3], t[4], t[5], t[0])


def ctime(secs=None):
    """Convert a time in seconds since the Epoch to a string in local time."""
    return asctime(localtime(secs))
