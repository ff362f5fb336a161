"""A reader's journey through the built site in Chromium: home, a notice, the
other language, the version history, an archived version, what changed, a
comparison, the feed and search. Screenshots: the `screenshot` fixture (conftest.py)."""
from __future__ import annotations

import json
import re
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import pytest
from playwright.sync_api import expect

from site_pages import LANGS, NOTICE, language_of, notice_path, prefix, soup

VERSION_PAGE = re.compile(r"/versions/[0-9a-f]{12}/$")


def path_of(page) -> str:
    return urlsplit(page.url).path


def resolved(page, selector: str) -> str:
    """The site path an element's href points to, resolved against the page."""
    return urlsplit(urljoin(page.url, page.get_attribute(selector, "href"))).path


def switch_language(page, lang: str) -> None:
    """Material's language selector: a button whose list opens on hover."""
    page.hover(".md-header__option .md-select")
    page.click(f'.md-select__link[hreflang="{lang}"]')
    page.wait_for_load_state()


def test_home_to_notice_to_english(page, screenshot):
    page.goto("/")
    assert page.get_attribute("html", "lang") == "id"
    screenshot(page, "home-id.png", full_page=True)
    page.locator(f'article a[href$="{NOTICE}/"]').first.click()
    page.wait_for_load_state()
    assert path_of(page) == notice_path("id"), "the home page's link did not open the notice"
    expect(page.locator("article h1")).to_be_visible()
    screenshot(page, "notice-id.png", full_page=True)

    switch_language(page, "en")
    assert path_of(page) == notice_path("en"), "the language switch left the notice"
    assert page.get_attribute("html", "lang") == "en"
    assert language_of(page.inner_text("article")) == "en", "the English page is not in English"
    prevails = page.locator(".mk-prevails")
    expect(prevails).to_be_visible()
    assert resolved(page, ".mk-prevails a[href]") == notice_path("id"), \
        "the 'Indonesian prevails' statement does not link to the Indonesian notice"
    screenshot(page, "notice-en.png", full_page=True)

    switch_language(page, "id")
    assert path_of(page) == notice_path("id"), "switching back did not land on the notice"


@pytest.mark.parametrize("lang", LANGS)
def test_history_and_archived_version(page, built_site, history, screenshot, lang):
    versions = history[lang]
    page.goto(versions.path())
    expect(page.locator("table.mk-history")).to_be_visible()
    screenshot(page, f"history-{lang}.png", full_page=True)
    manifest = json.loads((built_site / "notices.json").read_text(encoding="utf-8"))
    published = [v["id"] for v in manifest["notices"][NOTICE]["languages"][lang]["versions"]]
    assert sorted(versions.ids) == sorted(published), \
        f"the history page lists {versions.ids}, the manifest {published}"

    # Every version but (at most) the one in force carries the archived banner.
    bannered = [v for v in versions.ids
                if soup(built_site, versions.path(v)).select_one(".mk-banner-archived")]
    assert len(bannered) >= max(1, len(versions.ids) - 1), \
        f"only {len(bannered)} of {len(versions.ids)} archived versions show .mk-banner-archived"
    page.locator(f'table.mk-history a[href$="{bannered[-1]}/"]').first.click()
    page.wait_for_load_state()
    assert path_of(page) == versions.path(bannered[-1])
    banner = page.locator(".mk-banner-archived")
    expect(banner).to_be_visible()
    targets = [urlsplit(href).path for href in banner.locator("a[href]").evaluate_all("as => as.map(a => a.href)")]
    assert notice_path(lang) in targets, "the archived banner does not link to the notice's current page"
    screenshot(page, f"archived-{lang}.png", full_page=True)


def test_language_switch_stays_on_a_version(page, history):
    """From an archived Indonesian version, English opens an archived English version
    (the same one where that commit changed both languages), not the current notice."""
    for version in history["id"].ids:
        page.goto(history["id"].path(version))
        switch_language(page, "en")
        landed = path_of(page)
        match = VERSION_PAGE.search(landed)
        assert landed.startswith(notice_path("en", "versions/")) and match, \
            f"English for {history['id'].path(version)} is {landed}, not an English version"
        if version in history["en"].ids:
            assert landed == history["en"].path(version), f"{version} exists in English, but {landed} opened"


@pytest.mark.parametrize("lang", LANGS)
def test_what_changed_shows_insertions_and_deletions(page, built_site, history, screenshot, lang):
    versions = history[lang]
    both = [v for v in versions.with_changes
            if (s := soup(built_site, versions.path(v, changes=True))).select("article ins")
            and s.select("article del")]
    assert both, f"no what-changed page of {versions.path()} shows both <ins> and <del>"
    page.goto(versions.path())
    page.locator(f'table.mk-history a[href$="{both[0]}/changes/"]').first.click()
    page.wait_for_load_state()
    assert path_of(page) == versions.path(both[0], changes=True)
    expect(page.locator("article ins").first).to_be_visible()
    expect(page.locator("article del").first).to_be_visible()
    screenshot(page, f"changes-{lang}.png", full_page=True)


@pytest.mark.parametrize("lang", LANGS)
def test_compare_two_versions(page, history, screenshot, lang):
    page.goto(history[lang].path())
    form = page.locator("form#mk-compare")
    selects = form.locator("select")
    assert selects.count() == 2, "the compare form needs exactly two <select>s"
    values = selects.nth(0).locator("option").evaluate_all("os => os.map(o => o.value)")
    assert len(values) >= 2, "the compare form offers fewer than two versions"
    selects.nth(0).select_option(values[-1])
    selects.nth(1).select_option(values[0])
    form.locator('button[type="submit"], input[type="submit"]').first.click()
    changed = page.locator("#mk-compare-result ins, #mk-compare-result del")
    expect(changed.first).to_be_visible()
    screenshot(page, f"compare-{lang}.png", full_page=True)


@pytest.mark.parametrize("lang", LANGS)
def test_feed_is_announced_and_linked(page, lang):
    site_feed = f"/{prefix(lang)}feed.xml"
    for path in (f"/{prefix(lang)}", notice_path(lang)):
        page.goto(path)
        links = page.locator('head link[rel~="alternate"][type="application/atom+xml"]')
        announced = [urlsplit(urljoin(page.url, href)).path
                     for href in links.evaluate_all("ls => ls.map(l => l.getAttribute('href'))")]
        assert site_feed in announced, f"{path} announces {announced}, not {site_feed}"
        for feed in announced:
            _assert_atom(page, feed, lang)
    subscribe = page.locator("a.mk-subscribe").first   # on the notice page
    expect(subscribe).to_be_visible()
    target = urlsplit(urljoin(page.url, subscribe.get_attribute("href"))).path
    assert target in announced, f"the notice's subscribe link points to {target}, not {announced}"


def _assert_atom(page, path: str, lang: str) -> None:
    response = page.context.request.get(path)
    assert response.ok, f"{path}: HTTP {response.status}"
    root = ElementTree.fromstring(response.body())
    assert root.tag == "{http://www.w3.org/2005/Atom}feed", f"{path} is not an Atom feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang, f"{path} is not in {lang}"


@pytest.mark.parametrize("lang", LANGS)
def test_search_finds_the_notice(page, built_site, screenshot, lang):
    words = [w for w in re.findall(r"[^\W\d_]{7,}", _paragraphs(built_site, lang))]
    assert words, f"{notice_path(lang)} has no word long enough to search for"
    word = max(words, key=words.count)  # a frequent word: certainly indexed
    page.goto(notice_path(lang))
    page.click(".md-search__input")
    page.keyboard.type(word)
    results = page.locator(".md-search-result__item a[href]")
    expect(results.first).to_be_visible(timeout=10_000)
    hrefs = [urlsplit(urljoin(page.url, h)).path
             for h in results.evaluate_all("as => as.map(a => a.getAttribute('href'))")]
    assert any(h.startswith(notice_path(lang)) for h in hrefs), f"searching {word!r} did not find the notice"
    in_english = [h.startswith("/en/") for h in hrefs]
    assert all(in_english) if lang == "en" else not any(in_english), \
        f"searching {word!r} in {lang} finds pages of another language: {hrefs}"
    screenshot(page, f"search-{lang}.png")


def _paragraphs(built_site, lang) -> str:
    """The notice's own paragraphs (what search indexes), without Maklumat's chrome."""
    page = soup(built_site, notice_path(lang))
    for chrome in page.select('[class*="mk-"]'):
        chrome.decompose()
    return " ".join(p.get_text(" ") for p in page.select("article p"))
