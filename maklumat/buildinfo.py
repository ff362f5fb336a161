"""The build date: the one input besides the commit that decides what a build shows.

It only decides which version is in force and which are upcoming; it is never printed.
`SOURCE_DATE_EPOCH` fixes it (reproducible builds, scheduled deploys); without it, the
build uses today's date in the site's time zone, so an effective date takes effect on
the day it names.
"""
from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

from maklumat.errors import MaklumatError

def source_epoch(environ: dict | None = None) -> int | None:
    """SOURCE_DATE_EPOCH as a number, None when unset. Set but empty, negative or not a
    number is an error: a mistyped variable must not silently date a build 1970 or today."""
    env = os.environ if environ is None else environ
    if "SOURCE_DATE_EPOCH" not in env:
        return None
    raw = env["SOURCE_DATE_EPOCH"]
    digits = raw.strip()
    if not (digits.isascii() and digits.isdigit()):
        raise MaklumatError.say("buildinfo_bad_epoch", raw=repr(raw))
    return int(digits)


def build_date(timezone: str, environ: dict | None = None) -> dt.date:
    tz = ZoneInfo(timezone)
    epoch = source_epoch(environ)
    if epoch is None:
        return dt.datetime.now(tz).date()
    try:
        return dt.datetime.fromtimestamp(epoch, tz).date()
    except (ValueError, OverflowError, OSError):
        raise MaklumatError.say("buildinfo_bad_epoch", raw=repr(str(epoch))) from None
