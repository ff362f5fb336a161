"""The language switch on every page of the sample site, there and back (maklumat/switch.py):
the same page in the other language when it exists (and back again), else the nearest one,
which says so; #section comes along. The switch is clicked in the one walk over the site
(site_walk.py, the `walked` fixture), which also checks each page's load (test_site_every_page.py)."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from site_pages import LANGS, notice_path
from site_walk import swapped

# The tests that read the one walk over the site (the `walked` fixture) run in one
# pytest-xdist worker (`--dist loadgroup`): the other never waits for that walk.
pytestmark = pytest.mark.xdist_group("walk")


def _switch(page, lang: str) -> None:
    page.hover(".md-header__option .md-select")
    page.click(f'.md-select__link[hreflang="{lang}"]')
    page.wait_for_load_state()


def test_every_page_switches_to_its_counterpart_and_back(walked):
    """From each page the switch opens its counterpart, and from there the switch comes
    back to it; a page without a counterpart opens the nearest one, which says so. The
    walk clicks the switch on each page: an exact landing is clicked again, back."""
    assert not walked.crashed, "the walk stopped on:\n" + "\n".join(walked.crashed)
    pages = [p for p in walked.pages if not p.startswith("/assets/")]
    exact, nearest = set(), {}
    for hop in walked.hops:
        other = next(x for x in LANGS if x != hop.lang)
        assert hop.landed_lang == other, f"{hop.origin}: the {other} switch opened a page in {hop.landed_lang!r}"
        if hop.query == "nearest":
            nearest[hop.origin] = f"{hop.origin} -> {hop.landed}"
            assert "/versions/" in hop.origin and "/versions/" in hop.landed, f"{hop.origin}: nearest {hop.landed}"
            assert hop.nearest_shown and all(hop.nearest_shown), f"{hop.origin} -> {hop.landed}: no visible .mk-nearest"
            continue
        assert (hop.landed, hop.query) == (swapped(hop.origin, hop.lang, hop.landed_lang), ""), \
            f"{hop.origin}: the {hop.landed_lang} switch opened {hop.landed}?{hop.query}"
        assert not any(hop.nearest_shown), f"{hop.origin} -> {hop.landed}: an exact counterpart says 'nearest'"
        exact.add(hop.origin)
    # Each exact landing was switched back from: its origin's counterpart is exact both ways.
    there_and_back = {h.origin for h in walked.hops if h.landed in exact and h.origin in exact}
    print(f"{len(pages)} pages: {len(exact)} exact there and back, {len(nearest)} nearest: {sorted(nearest.values())}")
    assert exact == there_and_back, f"switched there but not back: {sorted(exact - there_and_back)}"
    assert sorted(exact | set(nearest)) == sorted(pages), \
        f"pages whose switch was never clicked: {sorted(set(pages) - exact - set(nearest))}"
    assert len(exact) == len(pages) - len(nearest) and len(exact) > 20


def test_the_section_comes_along(page):
    page.goto(notice_path("id"))
    anchor = page.locator("article h2[id]").first.get_attribute("id")
    page.goto(f"{notice_path('id')}#{anchor}")
    _switch(page, "en")
    landed = urlsplit(page.url)
    assert (landed.path, landed.fragment) == (notice_path("en"), anchor)
    expect(page.locator(f"article [id='{anchor}']")).to_be_in_viewport()
