"""Accessibility: axe-core finds no serious or critical violation on the notice's
pages, in both languages and both palettes."""
from __future__ import annotations

import pytest

from site_axe import serious_violations
from site_pages import LANGS, notice_path

KINDS = ("current", "archived", "changes", "history")
# Material's palettes as mkdocs.yml sets them (prefers-color-scheme picks one).
SCHEMES = {"light": "default", "dark": "slate"}


def page_of(kind: str, history) -> str:
    if kind == "current":
        return notice_path(history.lang)
    if kind == "history":
        return history.path()
    if kind == "archived":
        return history.path(history.ids[-1])
    if not history.with_changes:
        pytest.fail(f"{history.path()} links to no what-changed page", pytrace=False)
    return history.path(history.with_changes[0], changes=True)


@pytest.fixture(scope="module")
def palettes(browser, site_server):
    """One browser context per palette (prefers-color-scheme), shared by this module's tests:
    each test opens its page in a new tab, with the site's assets already cached."""
    contexts = {palette: browser.new_context(base_url=site_server.url, color_scheme=palette) for palette in SCHEMES}
    yield contexts
    for context in contexts.values():
        context.close()


@pytest.mark.parametrize("palette", SCHEMES)
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("lang", LANGS)
def test_no_serious_violations(palettes, history, lang, kind, palette):
    path = page_of(kind, history[lang])
    page = palettes[palette].new_page()
    try:
        assert page.goto(path).ok, f"{path} did not load"
        scheme = page.get_attribute("body", "data-md-color-scheme")
        assert scheme == SCHEMES[palette], f"{path} shows palette {scheme!r}, not the {palette} one"
        violations = serious_violations(page)
    finally:
        page.close()
    assert not violations, f"{path} ({palette}): " + "\n".join(violations)
