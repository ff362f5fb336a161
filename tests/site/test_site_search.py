"""Each language searches only its own pages (maklumat/searchindex.py)."""
from __future__ import annotations

import json
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import expect

from site_pages import LANGS, notice_path, prefix


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_its_own_index(built_site, lang):
    index = json.loads((built_site / prefix(lang) / "search" / "search_index.json").read_text("utf-8"))
    locations = {d["location"].split("#")[0] for d in index["docs"]}
    assert "privacy/" in locations and not any(loc.startswith("en/") for loc in locations), locations


@pytest.mark.parametrize("lang, word", [("id", "cookie"), ("en", "cookie"), ("id", "tahun")])
def test_search_stays_in_the_pages_language(page, lang, word):
    page.goto(notice_path(lang))
    page.click(".md-search__input")
    page.keyboard.type(word)
    results = page.locator(".md-search-result__item a[href]")
    expect(results.first).to_be_visible(timeout=10_000)
    hrefs = [urlsplit(urljoin(page.url, h)).path for h in results.evaluate_all("as => as.map(a => a.getAttribute('href'))")]
    english = [h for h in hrefs if h.startswith("/en/")]
    assert (len(english) == len(hrefs)) if lang == "en" else not english, f"{lang} search for {word!r}: {hrefs}"
