"""The golden-file reader and writer round-trip, and a mismatch fails."""
from __future__ import annotations

import pytest

from golden import Case, Golden, read_cases, write_cases

SAMPLE = "first case\n.\nin one\n.\nin two\n.\nout\n.\n\nsecond\n.\nx\n.\n\n.\n.\n"


def test_round_trip(tmp_path):
    path = tmp_path / "f.txt"
    path.write_text(SAMPLE)
    cases = read_cases(path, 3)
    assert [(c.title, c.line, c.inputs, c.expected) for c in cases] == [
        ("first case", 1, ["in one\n", "in two\n"], "out\n"), ("second", 10, ["x\n", "\n"], "")]
    write_cases(path, cases)
    assert path.read_text() == SAMPLE


def test_mismatch_fails_and_update_rewrites(tmp_path):
    path = tmp_path / "f.txt"
    path.write_text(SAMPLE)
    case = read_cases(path, 3)[0]
    with pytest.raises(pytest.fail.Exception, match="differs from its golden output"):
        Golden(update=False).check(path, case, "other\n")
    Golden(update=True).check(path, case, "other\n")
    assert read_cases(path, 3)[0].expected == "other\n"
    assert read_cases(path, 3)[1].inputs == ["x\n", "\n"]


def test_whole_file(tmp_path):
    path = tmp_path / "feed.xml"
    Golden(update=True).check_file(path, b"<feed/>")
    Golden(update=False).check_file(path, b"<feed/>")
    with pytest.raises(pytest.fail.Exception):
        Golden(update=False).check_file(path, b"<feed />")
