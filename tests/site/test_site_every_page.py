"""Every page of the sample site in Chromium: no failed request, no console error, and no
words of the other language's catalog (or of the theme's other-language strings).
The pages are loaded by the one walk over the site (site_walk.py, the `walked` fixture),
which also checks the language switch (test_site_switch.py)."""
from __future__ import annotations

import re

import pytest

from maklumat import catalog
from site_pages import LANGS

# The tests that read the one walk over the site (the `walked` fixture) run in one
# pytest-xdist worker (`--dist loadgroup`): the other never waits for that walk.
pytestmark = pytest.mark.xdist_group("walk")

PLACEHOLDER = re.compile(r"\{\w*\}")
# The theme's words a page could show in the wrong language (palette toggles, landmarks,
# heading links): checked as exact attribute values or text, per language they belong to.
THEME = {"id": ("Mode gelap", "Mode terang", "Tautan permanen", "Kepala halaman", "Kaki halaman"),
         "en": ("Dark mode", "Light mode", "Permanent link", "Header", "Footer")}


def foreign_phrases(lang: str) -> set[str]:
    """Pieces of the other languages' page words that this language's catalog never says."""
    own = {m for k in _keys() for m in PLACEHOLDER.split(catalog.message(lang, k))}
    out = set()
    for other in LANGS:
        if other == lang:
            continue
        for key in _keys():
            for piece in PLACEHOLDER.split(catalog.message(other, key)):
                piece = piece.strip(" .,:;()—-→←·")
                if len(piece) >= 8 and piece not in own and not any(piece in o for o in own):
                    out.add(piece)
    return out


def _keys() -> list[str]:
    cat = catalog.read_catalog(catalog.FALLBACK)
    return [m.id for m in cat if m.id and isinstance(m.id, str) and not m.id.startswith(("cli_", "feed_"))]


def test_every_page_loads_cleanly_in_its_own_language(walked, built_site):
    pages = walked.pages
    assert len(pages) >= 30, f"only {len(pages)} pages found in {built_site}"
    assert not walked.crashed, "the walk stopped on:\n" + "\n".join(walked.crashed)
    unread = sorted(set(pages) - {seen.url for seen in walked.seen})
    assert not unread, f"pages never loaded and read: {unread}"
    phrases = {lang: foreign_phrases(lang) for lang in LANGS}
    foreign, undeclared = [], []
    for seen in walked.seen:   # every page, and every page a language switch landed on
        if seen.lang not in LANGS:
            undeclared.append(f"{seen.url} declares lang={seen.lang!r}")
            continue
        for phrase in phrases[seen.lang]:
            if phrase in seen.text or phrase in seen.attrs:
                foreign.append(f"{seen.url} ({seen.lang}): {phrase!r}")
        for other in LANGS:
            if other != seen.lang:
                foreign += [f"{seen.url} ({seen.lang}): theme word {w!r}" for w in THEME[other]
                            if w in seen.attrs or re.search(rf"(?m)^{re.escape(w)}$", seen.text)]
    print(f"{len(pages)} pages ({len(walked.seen)} loads): {len(walked.failed)} failed requests, "
          f"{len(walked.errors)} console errors, {len(foreign)} other-language strings")
    assert not undeclared, "\n".join(undeclared)
    assert not walked.failed, "failed requests:\n" + "\n".join(walked.failed)
    assert not walked.errors, "console errors:\n" + "\n".join(walked.errors)
    assert not foreign, "words of the other language:\n" + "\n".join(foreign)
