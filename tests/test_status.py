"""The one status model (maklumat/status.py): each state, in both languages, and an
editorial correction never turning the version it corrects into "replaced before it took effect"."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from maklumat.publish import render, status
from maklumat.model import NoticeFile, Settings, Version

TZ = dt.timezone(dt.timedelta(hours=7))
SETTINGS = Settings(languages=("id", "en"), prevailing="id", root_lang="id")


def version(seq: int, published: str, effective: str, editorial: bool = False) -> Version:
    return Version(id=f"{seq:012x}", commit=f"{seq:040x}", seq=seq, lang="en", path="docs/en/p.md",
                   key="p", blob=f"b{seq}", published=dt.datetime.fromisoformat(published).replace(tzinfo=TZ),
                   effective=dt.date.fromisoformat(effective), summary="s", editorial=editorial,
                   translation_not_needed=False, sha256="", title="P")


def notice(*versions: Version, withdrawn: str | None = None) -> NoticeFile:
    f = NoticeFile(lang="en", key="p", path="docs/en/p.md", versions=list(versions))
    if withdrawn:
        f.withdrawn_at = dt.datetime.fromisoformat(withdrawn).replace(tzinfo=TZ)
    return f


ON = dt.date(2026, 12, 3)
# The sample's shape: a first version, a material change in force since 1 Dec, a typo fix
# published before that date, an upcoming material change, and a version replaced early.
FIRST = version(1, "2026-11-01T10:00", "2026-11-01")
MATERIAL = version(2, "2026-11-22T10:00", "2026-12-01")
TYPO = version(3, "2026-11-23T10:00", "2026-12-01", editorial=True)
UPCOMING = version(4, "2026-11-25T10:00", "2027-01-15")
F = notice(FIRST, MATERIAL, TYPO, UPCOMING)

EARLY = notice(version(1, "2026-11-01T10:00", "2026-11-01"), version(2, "2026-11-10T10:00", "2026-12-20"),
               version(3, "2026-11-12T10:00", "2026-12-10"))
GONE = notice(version(1, "2026-11-01T10:00", "2026-11-05"), withdrawn="2026-11-20T10:00")
GONE_EARLY = notice(version(1, "2026-11-01T10:00", "2026-12-01"), withdrawn="2026-11-20T10:00")

CASES = [   # (file, version index, state, English sentence, Indonesian sentence)
    (F, 0, status.SUPERSEDED, "Superseded: in force from November 1, 2026 to December 1, 2026.",
     "Sudah diganti: berlaku dari 1 November 2026 sampai 1 Desember 2026."),
    (F, 1, status.IN_FORCE,
     "In force since December 1, 2026. Corrected on November 23, 2026 (editorial correction; the rules did not change).",
     "Berlaku sejak 1 Desember 2026. Dikoreksi pada 23 November 2026 (koreksi redaksional; ketentuannya tidak berubah)."),
    (F, 2, status.IN_FORCE, "In force since December 1, 2026.", "Berlaku sejak 1 Desember 2026."),
    (F, 3, status.UPCOMING, "Upcoming: takes effect on January 15, 2027.", "Akan berlaku mulai 15 Januari 2027."),
    (EARLY, 1, status.NEVER,
     "Replaced before it took effect: it was to take effect on December 20, 2026; the next version takes effect on December 10, 2026.",
     "Diganti sebelum mulai berlaku: versi ini semula berlaku mulai 20 Desember 2026; versi berikutnya berlaku mulai 10 Desember 2026."),
    (GONE, 0, status.WITHDRAWN, "Withdrawn: in force from November 5, 2026 until the notice was withdrawn on November 20, 2026.",
     "Dicabut: berlaku dari 5 November 2026 sampai pemberitahuan ini dicabut pada 20 November 2026."),
    (GONE_EARLY, 0, status.WITHDRAWN, "Withdrawn on November 20, 2026, before it took effect.",
     "Dicabut pada 20 November 2026, sebelum mulai berlaku."),
]


def _text(lang: str, f: NoticeFile, i: int) -> str:
    c = render.Ctx(lang, SETTINGS, "p/versions/x/")
    html = render.status_sentence(c, f, f.versions[i], ON)
    return re.sub(r"<[^>]+>", "", html)


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("f, i, state, en, id_", CASES,
                         ids=["superseded", "in-force-corrected", "in-force-correction", "upcoming",
                              "never-in-force", "withdrawn", "withdrawn-before-effect"])
def test_each_state_in_each_language(lang, f, i, state, en, id_):
    assert status.status(f, f.versions[i], ON).state == state
    assert _text(lang, f, i) == (en if lang == "en" else id_)


def test_an_editorial_fix_published_before_the_effective_date_does_not_replace_the_version():
    # The bug on the sample site: the typo fix took "effect" on the same day, so the version
    # it corrects read "replaced before it took effect" although its rules are in force.
    s = status.status(F, MATERIAL, ON)
    assert s.state == status.IN_FORCE and s.corrected is TYPO and not s.current_text
    fix = status.status(F, TYPO, ON)
    assert fix.corrects is MATERIAL and fix.start == MATERIAL.effective and fix.current_text


def test_states_move_with_the_build_date():
    assert status.status(F, UPCOMING, dt.date(2027, 1, 14)).state == status.UPCOMING
    assert status.status(F, UPCOMING, dt.date(2027, 1, 15)).state == status.IN_FORCE
    assert status.status(F, TYPO, dt.date(2027, 1, 15)).state == status.SUPERSEDED
    assert status.status(F, MATERIAL, dt.date(2027, 1, 15)).end == dt.date(2027, 1, 15)


@pytest.mark.parametrize("lang, expected", [
    ("en", ["upcoming", "in force", "in force, corrected later", "superseded"]),
    ("id", ["akan berlaku", "berlaku", "berlaku, dikoreksi kemudian", "sudah diganti"])])
def test_history_marks_come_from_the_same_model(lang, expected):
    c = render.Ctx(lang, SETTINGS, "p/versions/")
    html = render.history_table(c, F, ON)
    assert re.findall(r'<strong class="mk-mark">([^<]*)</strong>', html) == expected
    assert html.count("mk-state-") == 4


@pytest.mark.parametrize("lang, name", [("en", "Version effective December 1, 2026"),
                                        ("id", "Versi berlaku 1 Desember 2026")])
def test_archived_page_names_the_version_by_its_effective_date_and_links_on(lang, name):
    c = render.Ctx(lang, SETTINGS, SETTINGS.url_prefix(lang) + "p/versions/000000000002/")
    banner = render.archived_banner(c, F, MATERIAL, ON)
    assert 'href="../000000000001/"' in banner and 'href="../000000000003/"' in banner   # previous, next
    assert 'href="changes/"' in banner and 'href="../"' in banner                         # what changed, history
    assert name in render.version_name(c, MATERIAL).replace('<time datetime="2026-12-01">', "").replace("</time>", "")


def test_changes_since_previous_goes_to_the_last_material_change():
    c = render.Ctx("en", SETTINGS, "en/p/")
    links = render.notice_links(c, F, TYPO, "p/feed.xml")
    assert f'class="mk-changes-link" href="versions/{MATERIAL.id}/changes/"' in links
    assert f'href="versions/{TYPO.id}/changes/"' in links   # the correction listed after it
