"""Small inputs that used to pass silently or end in a traceback: the build date from
SOURCE_DATE_EPOCH and the `effective:` date of a notice."""
from __future__ import annotations

import datetime as dt

import pytest

from maklumat.markdown import frontmatter
from maklumat.buildinfo import build_date, source_epoch
from maklumat.errors import MaklumatError


@pytest.mark.parametrize("raw, day", [("1767225600", dt.date(2026, 1, 1)), ("0", dt.date(1970, 1, 1)),
                                      (" 1767225600\n", dt.date(2026, 1, 1))])
def test_source_date_epoch_is_a_non_negative_number_of_seconds(raw, day):
    assert build_date("UTC", {"SOURCE_DATE_EPOCH": raw}) == day


def test_unset_source_date_epoch_means_today():
    assert source_epoch({}) is None
    assert build_date("Asia/Jakarta", {}) == dt.datetime.now(dt.timezone(dt.timedelta(hours=7))).date()


@pytest.mark.parametrize("raw", ["", " ", "-1", "+5", "1e9", "1767225600.5", "tomorrow", "１２３", "99999999999999999999"])
def test_other_source_date_epochs_are_refused(raw):
    with pytest.raises(MaklumatError) as err:
        build_date("Asia/Jakarta", {"SOURCE_DATE_EPOCH": raw})
    assert "SOURCE_DATE_EPOCH=" in str(err.value) and "not a whole number of seconds" in str(err.value)
    assert "unset it" in str(err.value)


def parse(value: str):
    return frontmatter.parse(f"---\ndescription: x\neffective: {value}\n---\n\n# T\n", "docs/id/t.md")


@pytest.mark.parametrize("value", ["2026-02-03", "'2026-02-03'", '"2026-02-03"'])
def test_effective_accepts_year_month_day(value):
    assert parse(value).effective == dt.date(2026, 2, 3)


@pytest.mark.parametrize("value", ["20260203", "'20260203'", "2026-W05-2", "'2026-W05-2'", "2026-034",
                                   "2026-02-03 10:00", "2026-02-03T10:00:00+07:00", "2026-2-3", "'2026-02-30'",
                                   "[2026-02-03]", "yes"])
def test_effective_refuses_everything_else_with_file_and_line(value):
    with pytest.raises(MaklumatError) as err:
        parse(value)
    assert (err.value.path, err.value.line) == ("docs/id/t.md", 3)
    assert "YYYY-MM-DD" in err.value.message
