"""Dates as readers and feed readers see them: localized, in the site's time zone.

Every date the site shows is converted to the site time zone first, so a build on a
laptop in Berlin and one on a CI runner in UTC print the same day.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_date as _babel_format_date


def _zone(tz: str | dt.tzinfo) -> dt.tzinfo:
    return ZoneInfo(tz) if isinstance(tz, str) else tz


def to_site_tz(moment: dt.datetime, tz: str | dt.tzinfo) -> dt.datetime:
    """`moment` in the site time zone. Naive datetimes are refused: their meaning
    depends on the machine that built the site."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment.isoformat()}: dates must carry a time zone")
    return moment.astimezone(_zone(tz))


def format_date(day: dt.date | dt.datetime, lang: str, tz: str | dt.tzinfo) -> str:
    """Babel's long date, e.g. "10 Januari 2025" (id) or "January 10, 2025" (en).

    A datetime is first moved to the site time zone, so 2025-01-09T20:00Z is
    10 January in Jakarta. A plain date is a calendar day and is shown as it is.
    """
    if isinstance(day, dt.datetime):
        day = to_site_tz(day, tz).date()
    return _long_date(day, lang)


@lru_cache(maxsize=4096)
def _long_date(day: dt.date, lang: str) -> str:
    """Babel builds a pattern per call; a build shows the same few hundred days again and again."""
    return _babel_format_date(day, format="long", locale=lang)


def rfc3339(moment: dt.datetime) -> str:
    """RFC 3339 with an explicit offset and whole seconds, e.g. 2025-01-10T09:00:00+07:00
    (what Atom's date constructs and JSON Feed's dates require)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment.isoformat()}: RFC 3339 needs an offset")
    return moment.replace(microsecond=0).isoformat()


def site_today(tz: str | dt.tzinfo) -> dt.date:
    """Today's date in the site time zone (only when no build date was given)."""
    return dt.datetime.now(_zone(tz)).date()
