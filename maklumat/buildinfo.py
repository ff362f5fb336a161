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

from .errors import MaklumatError


def build_date(timezone: str, environ: dict | None = None) -> dt.date:
    env = os.environ if environ is None else environ
    raw = env.get("SOURCE_DATE_EPOCH", "").strip()
    tz = ZoneInfo(timezone)
    if not raw:
        return dt.datetime.now(tz).date()
    try:
        return dt.datetime.fromtimestamp(int(raw), tz).date()
    except (ValueError, OverflowError, OSError):
        raise MaklumatError(f"SOURCE_DATE_EPOCH={raw!r} is not a number of seconds since 1970-01-01") from None


def source_epoch(environ: dict | None = None) -> int | None:
    env = os.environ if environ is None else environ
    raw = env.get("SOURCE_DATE_EPOCH", "").strip()
    return int(raw) if raw.isdigit() else None
