"""On a phone (390 px): the history, an archived version and a redline fit the screen; a
comparison has a URL to share; paper carries the version's permanent address."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from site_pages import LANGS, notice_path
from site_walk import NO_TRANSITIONS


@pytest.fixture
def phone(browser, site_server):
    ctx = browser.new_context(base_url=site_server.url, viewport={"width": 390, "height": 844})
    ctx.add_init_script(NO_TRANSITIONS)
    yield ctx.new_page()
    ctx.close()


@pytest.mark.parametrize("lang", LANGS)
def test_pages_fit_a_phone(phone, history, lang):
    versions = history[lang]
    for path in (versions.path(), versions.path(versions.ids[-1]), versions.path(versions.with_changes[0], changes=True)):
        phone.goto(path)
        width = phone.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 390, f"{path} is {width} px wide on a 390 px screen"
        for box in phone.locator("table.mk-history td").evaluate_all("ts => ts.map(t => t.getBoundingClientRect().right)"):
            assert box <= 390, f"{path}: a history cell ends at {box} px"


@pytest.mark.parametrize("lang", LANGS)
def test_a_comparison_has_a_url_to_share(phone, history, lang):
    versions = history[lang]
    phone.goto(versions.path())
    form = phone.locator("form[data-mk-compare]")
    form.locator("select").nth(0).select_option(index=len(versions.ids) - 1)
    form.locator("select").nth(1).select_option(index=0)
    form.locator("button[type=submit]").click()
    expect(phone.locator("#mk-compare-result ins").first).to_be_visible()
    query = parse_qs(urlsplit(phone.url).query)
    assert (query["from"], query["to"]) == ([versions.ids[-1]], [versions.ids[0]]), phone.url
    shared = phone.url
    phone.goto(notice_path(lang))
    phone.goto(shared)                    # opened afresh, the comparison shows again
    expect(phone.locator("#mk-compare-result ins").first).to_be_visible()


def test_paper_carries_the_permanent_address(page, history):
    versions = history["en"]
    page.goto(versions.path(versions.ids[-1]))
    note = page.locator(".mk-print-url")
    expect(note).to_be_hidden()
    page.emulate_media(media="print")
    expect(note).to_be_visible()
    assert f"/en/privacy/versions/{versions.ids[-1]}/" in note.inner_text()
    assert note.inner_text().split(": ", 1)[1].startswith("https://")
