"""Put this folder on PYTHONPATH to run a Python program ten years in the future.

Every clock Python offers a program (time.time/time_ns/localtime/gmtime/ctime/strftime,
datetime.now/utcnow/today, date.today) reads ten years ahead. A build run this way must give
the same bytes as one run on the real clock: explicit clock control instead of sleeping
between two builds and hoping a timestamp would show.
"""
import datetime
import time

SHIFT = 10 * 365 * 86400
_time, _time_ns, _dt, _date = time.time, time.time_ns, datetime.datetime, datetime.date


def _shifted() -> float:
    return _time() + SHIFT


time.time = _shifted
time.time_ns = lambda: _time_ns() + SHIFT * 10**9
for _name in ("localtime", "gmtime", "ctime"):
    _real = getattr(time, _name)
    setattr(time, _name, lambda secs=None, _real=_real: _real(_shifted() if secs is None else secs))
_strftime = time.strftime
time.strftime = lambda fmt, t=None: _strftime(fmt, time.localtime() if t is None else t)


class _Real(type):
    """isinstance/issubclass against the replaced classes still accept the real ones
    (objects made by C code, or by modules that kept a reference to the real class)."""

    def __instancecheck__(cls, obj):
        return isinstance(obj, cls.__mro__[1])

    def __subclasscheck__(cls, sub):
        return issubclass(sub, cls.__mro__[1])


class _ShiftedDatetime(_dt, metaclass=_Real):
    @classmethod
    def now(cls, tz=None):
        return _dt.fromtimestamp(_shifted(), tz)

    @classmethod
    def utcnow(cls):
        return _dt.fromtimestamp(_shifted(), datetime.timezone.utc).replace(tzinfo=None)

    @classmethod
    def today(cls):
        return cls.now()


class _ShiftedDate(_date, metaclass=_Real):
    @classmethod
    def today(cls):
        return _date.fromtimestamp(_shifted())


datetime.datetime, datetime.date = _ShiftedDatetime, _ShiftedDate
assert datetime.date.today().year >= 2035 and time.localtime().tm_year >= 2035
