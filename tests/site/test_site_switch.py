"""The language switch on every page of the sample site, there and back (maklumat/switch.py):
the same page in the other language when it exists (and back again), else the nearest one,
which says so; #section comes along."""
from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import expect

from site_pages import LANGS, notice_path, prefix
from test_site_every_page import all_pages


def _switch(page, lang: str) -> None:
    page.hover(".md-header__option .md-select")
    page.click(f'.md-select__link[hreflang="{lang}"]')
    page.wait_for_load_state()


def _swap(path: str, src: str, dst: str) -> str:
    return "/" + prefix(dst) + path[len("/" + prefix(src)):]


def test_every_page_switches_to_its_counterpart_and_back(page, built_site):
    pages = [p for p in all_pages(built_site) if not p.startswith("/assets/")]
    exact, nearest = 0, []
    for path in pages:
        page.goto(path)
        lang = page.get_attribute("html", "lang")
        other = next(x for x in LANGS if x != lang)
        _switch(page, other)
        landed = urlsplit(page.url)
        assert page.get_attribute("html", "lang") == other, f"{path}: the switch stayed in {lang}"
        if landed.query == "nearest":
            nearest.append(f"{path} -> {landed.path}")
            assert "/versions/" in path and "/versions/" in landed.path, f"{path}: nearest {landed.path}"
            expect(page.locator(".mk-nearest")).to_be_visible()
            continue
        assert landed.path == _swap(path, lang, other), f"{path}: the {other} switch opened {landed.path}"
        if page.locator(".mk-nearest").count():   # an exact counterpart does not say "nearest"
            expect(page.locator(".mk-nearest")).to_be_hidden()
        _switch(page, lang)
        assert urlsplit(page.url).path == path, f"{path} -> {landed.path} -> back at {urlsplit(page.url).path}"
        exact += 1
    print(f"{len(pages)} pages: {exact} exact there and back, {len(nearest)} nearest: {nearest}")
    assert exact == len(pages) - len(nearest) and exact > 20


def test_the_section_comes_along(page):
    page.goto(notice_path("id"))
    anchor = page.locator("article h2[id]").first.get_attribute("id")
    page.goto(f"{notice_path('id')}#{anchor}")
    _switch(page, "en")
    landed = urlsplit(page.url)
    assert (landed.path, landed.fragment) == (notice_path("en"), anchor)
    expect(page.locator(f"article [id='{anchor}']")).to_be_in_viewport()
