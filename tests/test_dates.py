"""Localized dates in the site time zone (maklumat/dates.py)."""
from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest

from maklumat.dates import format_date, rfc3339, site_today, to_site_tz

JAKARTA = "Asia/Jakarta"
UTC = dt.timezone.utc


@pytest.mark.parametrize("lang, expected", [("id", "10 Januari 2025"), ("en", "January 10, 2025")])
def test_long_date_in_each_language(lang, expected):
    assert format_date(dt.date(2025, 1, 10), lang, JAKARTA) == expected


def test_indonesian_month_names_are_indonesian():
    assert format_date(dt.date(2027, 8, 17), "id", JAKARTA) == "17 Agustus 2027"
    assert format_date(dt.date(2025, 5, 1), "id", JAKARTA) == "1 Mei 2025"


def test_datetime_is_dated_in_the_site_time_zone_not_utc():
    # 20:00 UTC on the 9th is 03:00 on the 10th in Jakarta (UTC+7).
    moment = dt.datetime(2025, 1, 9, 20, 0, tzinfo=UTC)
    assert format_date(moment, "id", JAKARTA) == "10 Januari 2025"
    assert format_date(moment, "en", "UTC") == "January 9, 2025"
    assert format_date(moment, "en", ZoneInfo("America/Los_Angeles")) == "January 9, 2025"


def test_plain_date_is_a_calendar_day_whatever_the_zone():
    assert format_date(dt.date(2025, 1, 10), "en", "Pacific/Kiritimati") == "January 10, 2025"


def test_to_site_tz_keeps_the_instant_and_changes_the_offset():
    moment = dt.datetime(2025, 1, 9, 20, 0, tzinfo=UTC)
    local = to_site_tz(moment, JAKARTA)
    assert local == moment
    assert local.utcoffset() == dt.timedelta(hours=7)
    assert (local.day, local.hour) == (10, 3)


@pytest.mark.parametrize("fn", [lambda d: to_site_tz(d, JAKARTA), rfc3339,
                                lambda d: format_date(d, "id", JAKARTA)])
def test_naive_datetimes_are_refused(fn):
    with pytest.raises(ValueError, match="naive"):
        fn(dt.datetime(2025, 1, 10, 9, 0))


def test_rfc3339_has_an_offset_and_whole_seconds():
    moment = dt.datetime(2025, 1, 10, 9, 5, 7, 123456, tzinfo=ZoneInfo(JAKARTA))
    assert rfc3339(moment) == "2025-01-10T09:05:07+07:00"
    assert rfc3339(dt.datetime(2025, 1, 10, 2, 5, 7, tzinfo=UTC)) == "2025-01-10T02:05:07+00:00"
    stamp = rfc3339(dt.datetime(2025, 6, 1, tzinfo=ZoneInfo("America/St_Johns")))
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", stamp)
    assert stamp.endswith("-02:30")


def test_site_today_is_the_date_in_the_site_zone():
    # Kiritimati (UTC+14) is 25 hours ahead of Niue (UTC-11): never the same date.
    for zone in ("Pacific/Kiritimati", "Pacific/Niue"):
        before = dt.datetime.now(ZoneInfo(zone)).date()
        got = site_today(zone)
        after = dt.datetime.now(ZoneInfo(zone)).date()
        assert got in (before, after)
    assert site_today("Pacific/Kiritimati") > site_today("Pacific/Niue")
