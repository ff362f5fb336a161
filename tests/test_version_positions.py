"""A version's place among its file's versions: found by bisection on commit order, with
the same answers as a scan (and a scan still for versions not in commit order)."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from maklumat.model import NoticeFile, Version
from maklumat.publish import status, switch

ON = dt.date(2025, 6, 1)


def _version(seq: int, lang: str = "en", editorial: bool = False, commit: str | None = None) -> Version:
    commit = commit or f"{seq:040x}"
    when = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc) + dt.timedelta(days=seq)
    return Version(id=commit[:12], commit=commit, seq=seq, lang=lang, path=f"docs/{lang}/p.md", key="p",
                   blob=f"{seq:040x}"[::-1], published=when, effective=when.date(), summary="s",
                   editorial=editorial, translation_not_needed=False, sha256="0", title="P")


def _file(seqs, lang="en", editorial=()) -> NoticeFile:
    return NoticeFile(lang=lang, key="p", path=f"docs/{lang}/p.md",
                      versions=[_version(s, lang, s in editorial) for s in seqs])


def test_index_previous_and_has_agree_with_a_scan():
    f = _file([0, 3, 4, 9, 12, 40])
    for i, v in enumerate(f.versions):
        assert f.index(v) == i == f.versions.index(v)
        assert f.previous(v) == (f.versions[i - 1] if i else None)
        assert f.has(v)
    stranger = _version(5)
    assert not f.has(stranger)
    with pytest.raises(ValueError):
        f.index(stranger)
    same_seq_other_fields = dataclasses.replace(f.versions[2], summary="another")
    assert not f.has(same_seq_other_fields)


def test_versions_out_of_commit_order_are_still_found():
    f = _file([9, 3, 40, 0])
    assert [f.index(v) for v in f.versions] == [0, 1, 2, 3]
    assert f.previous(f.versions[2]) == f.versions[1]


def test_at_commit_finds_the_same_commits_version_in_another_language():
    en, id_ = _file([0, 3, 4, 9], "en"), _file([0, 4, 7], "id")
    assert id_.at_commit(en.versions[2]) == id_.versions[1]
    assert id_.at_commit(en.versions[1]) is None
    w, exact = switch.same_version(en, en.versions[3], id_, ON)
    assert (w, exact) == (id_.versions[2], False)   # the version in force on its date instead


def test_status_counts_corrections_up_to_the_next_material_version():
    f = _file([0, 1, 2, 3, 4, 5], editorial=(1, 2, 4, 5))
    first, last = status.status(f, f.versions[0], ON), status.status(f, f.versions[3], ON)
    assert first.replaced_by == f.versions[3] and first.corrected == f.versions[2]
    assert last.replaced_by is None and last.corrected == f.versions[5]
    assert status.material_of(f, f.versions[5]) == f.versions[3]
