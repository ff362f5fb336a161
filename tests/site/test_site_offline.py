"""The 404 page in both languages, and no page asking another host for anything."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from site_pages import LANGS, language_of, notice_path, prefix

# The tests that read the one walk over the site (the `walked` fixture) run in one
# pytest-xdist worker (`--dist loadgroup`): the other never waits for that walk.
pytestmark = pytest.mark.xdist_group("walk")

MISSING = "no/such/notice/"


@pytest.mark.parametrize("lang", LANGS)
def test_404_page_in_its_language(context, page, built_site, screenshot, lang):
    """A static host answers a missing URL with the language's 404.html, at that URL:
    simulate it, so links relative to the wrong depth would show up as broken."""
    body = (built_site / prefix(lang) / "404.html")
    assert body.is_file(), f"the site has no /{prefix(lang)}404.html"
    missing = f"/{prefix(lang)}{MISSING}"
    page.route(f"**{missing}", lambda route: route.fulfill(
        status=404, content_type="text/html; charset=utf-8", body=body.read_bytes()))
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith(missing) else None)
    response = page.goto(missing)
    assert response.status == 404
    page.wait_for_load_state("networkidle")
    declared = page.get_attribute("html", "lang")
    assert declared == lang, f"/{prefix(lang)}404.html declares lang={declared!r}"
    text = page.inner_text("article")
    assert language_of(text) == lang, f"the 404 page for {lang} reads {text!r}"
    assert not failed, f"the 404 page at {missing} loads missing files: {failed}"
    hrefs = page.locator("article a[href]").evaluate_all("as => as.map(a => a.href)")
    assert hrefs, "the 404 page offers no way back"
    for href in hrefs:
        assert context.request.get(href).ok, f"the 404 page's link {href} is broken"
    home = f"/{prefix(lang)}"
    assert home in [urlsplit(h).path for h in hrefs], f"the 404 page does not link to {home}"
    # The language selector leads to the other language's home or 404 page, nothing else.
    switch = page.locator(".md-select__link[hreflang]").evaluate_all(
        "as => as.map(a => [a.hreflang, new URL(a.href).pathname])")
    assert switch, "the 404 page has no language selector"
    for other, target in switch:
        assert target in (f"/{prefix(other)}", f"/{prefix(other)}404.html"), \
            f"the 404 page's {other} link goes to {target}"
    screenshot(page, f"404-{lang}.png")


def test_no_request_leaves_the_site(walked, context, requested, site_server):
    """A privacy notice must not hand its readers' addresses to third parties: no page of the
    site asks another host for anything. Every page was opened by the walk (site_walk.py),
    each left until the network was idle, so late requests count; search loads its worker
    and index only when used: used here."""
    assert set(walked.pages) <= {urlsplit(u).path for u in walked.requested}, "the walk recorded no request for some pages"
    page = context.new_page()
    page.goto(notice_path("en"))
    page.click(".md-search__input")  # search loads its worker and index lazily
    page.keyboard.type("data")
    # Results on screen: the worker and the index have been fetched (no fixed wait).
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=10_000)
    page.wait_for_load_state("networkidle")
    assert any("search" in u for u in requested), f"searching fetched nothing: {requested}"
    # The walk may have run in another pytest-xdist worker, on its own server.
    elsewhere = sorted({u for urls, server in ((walked.requested, walked.base), (requested, site_server.url))
                        for u in urls if urlsplit(u).scheme not in ("data", "blob")
                        and urlsplit(u).netloc != urlsplit(server).netloc})
    assert len(walked.requested) > len(walked.pages), "the browser recorded no requests besides the pages"
    assert not elsewhere, f"pages request other hosts: {elsewhere}"
