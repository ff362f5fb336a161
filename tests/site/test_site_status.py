"""The status model on the sample site (maklumat/status.py): what each archived version and
history row says, in both languages, read from the built pages."""
from __future__ import annotations

import re

import pytest

from site_pages import LANGS, notice_path, soup

NEVER = {"id": "Diganti sebelum mulai berlaku", "en": "Replaced before it took effect"}


def _banner(built_site, lang, vid) -> str:
    tag = soup(built_site, notice_path(lang, f"versions/{vid}/")).select_one(".mk-banner-archived")
    assert tag is not None, f"{lang} {vid}: no status banner"
    return re.sub(r"\s+", " ", tag.get_text(" ")).strip()


@pytest.mark.parametrize("lang, vid, says", [
    ("id", "4462304c41e2", "Berlaku sejak 1 Desember 2026 . Dikoreksi pada 22 November 2026"),
    ("id", "d293e028c13f", "Berlaku sejak 1 Desember 2026 . Ini salinan permanen dari versi yang berlaku."),
    ("id", "ade55bf70596", "Akan berlaku mulai 15 Januari 2027 . Ini salinan permanen dari versi yang akan berlaku."),
    ("id", "a43b4024b231", "Sudah diganti: berlaku dari 22 November 2026 sampai 1 Desember 2026 ."),
    ("en", "4462304c41e2", "In force since December 1, 2026 . This is the permanent copy of the version in force."),
    ("en", "836afc3a0c25", "Upcoming: takes effect on January 15, 2027 ."),
    ("en", "a43b4024b231", "Superseded: in force from November 22, 2026 to December 1, 2026 ."),
])
def test_each_archived_version_states_its_status(built_site, lang, vid, says):
    text = _banner(built_site, lang, vid)
    assert says in text, text
    assert NEVER[lang] not in text   # an editorial fix never makes the version it corrects "replaced"


@pytest.mark.parametrize("lang", LANGS)
def test_history_marks_match_the_banners(built_site, history, lang):
    page = soup(built_site, history[lang].path())
    for row in page.select("table.mk-history tbody tr"):
        vid = row.select_one("code.mk-version-id").get_text()
        state = next(c for c in row["class"] if c.startswith("mk-state-"))
        banner = soup(built_site, notice_path(lang, f"versions/{vid}/")).select_one(".mk-banner-archived")
        assert state in banner["class"], f"{lang} {vid}: history says {state}, banner {banner['class']}"
