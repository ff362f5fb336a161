"""Every page of the sample site in Chromium: no failed request, no console error, and no
words of the other language's catalog (or of the theme's other-language strings)."""
from __future__ import annotations

import re

import pytest

from maklumat import catalog
from site_pages import LANGS

PLACEHOLDER = re.compile(r"\{\w*\}")
# The theme's words a page could show in the wrong language (palette toggles, landmarks,
# heading links): checked as exact attribute values or text, per language they belong to.
THEME = {"id": ("Mode gelap", "Mode terang", "Tautan permanen", "Kepala halaman", "Kaki halaman"),
         "en": ("Dark mode", "Light mode", "Permanent link", "Header", "Footer")}
# Text marked as another language (lang="…", e.g. a summary not yet translated, the other
# language's name) is declared, not mistaken: it is left out of the scan.
SCAN = """() => {
  const own = document.documentElement.lang;
  const marked = [...document.body.querySelectorAll('[lang]')].filter(el => el.lang !== own);
  for (const el of marked) el.dataset.mkScan = el.style.display, el.style.display = 'none';
  const text = document.body.innerText;
  for (const el of marked) el.style.display = el.dataset.mkScan;
  const attrs = [];
  for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], [alt]'))
    for (const a of ['title', 'aria-label', 'placeholder', 'alt'])
      if (el.hasAttribute(a)) attrs.push(el.getAttribute(a));
  return {text, attrs, lang: own};
}"""


def all_pages(site) -> list[str]:
    pages = sorted("/" + p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html"))
    return [p.replace("/./", "/") for p in pages]


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


def test_every_page_loads_cleanly_in_its_own_language(context, built_site):
    pages = all_pages(built_site)
    assert len(pages) >= 30, f"only {len(pages)} pages found in {built_site}"
    failed, errors, foreign = [], [], []
    phrases = {lang: foreign_phrases(lang) for lang in LANGS}
    tab = context.new_page()
    current = {"path": ""}
    tab.on("requestfailed", lambda r: failed.append(f"{current['path']}: {r.url} ({r.failure})"))
    tab.on("response", lambda r: failed.append(f"{current['path']}: {r.status} {r.url}") if r.status >= 400 else None)
    tab.on("console", lambda m: errors.append(f"{current['path']}: {m.text}") if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(f"{current['path']}: {e}"))
    for path in pages:
        current["path"] = path
        tab.goto(path)
        tab.wait_for_load_state("networkidle")
        seen = tab.evaluate(SCAN)
        lang = seen["lang"]
        assert lang in LANGS, f"{path} declares lang={lang!r}"
        text = seen["text"]
        for phrase in phrases[lang]:
            if phrase in text or phrase in seen["attrs"]:
                foreign.append(f"{path} ({lang}): {phrase!r}")
        for other in LANGS:
            if other != lang:
                foreign += [f"{path} ({lang}): theme word {w!r}" for w in THEME[other]
                            if w in seen["attrs"] or re.search(rf"(?m)^{re.escape(w)}$", text)]
    print(f"{len(pages)} pages: {len(failed)} failed requests, {len(errors)} console errors, "
          f"{len(foreign)} other-language strings")
    assert not failed, "failed requests:\n" + "\n".join(failed)
    assert not errors, "console errors:\n" + "\n".join(errors)
    assert not foreign, "words of the other language:\n" + "\n".join(foreign)
