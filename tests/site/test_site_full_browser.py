"""The browser tests run in Chromium's headless shell (tests/tools.py); a reader uses the full
browser. Here Debian's full Chromium opens the notice's pages of each kind in both languages,
with no failed request and no console error, and shows each as the shell does: the same
words, the same headings at the same places."""
from __future__ import annotations

import pytest

import browser_launch
import tools
from site_pages import LANGS, notice_path
from site_walk import NO_TRANSITIONS, SCAN

# What a page shows, to compare between the two programs: its words (site_walk.SCAN) and
# where its headings and main blocks are laid out at one width.
LAYOUT = """() => [...document.querySelectorAll('h1, h2, h3, .md-header, .md-content, .md-footer, table')]
  .map(el => { const r = el.getBoundingClientRect();
               return [el.tagName, Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)]; })"""


@pytest.fixture(scope="module")
def full_browser(playwright):
    if tools.chromium() == str(tools.FULL_CHROMIUM):
        pytest.skip("no headless shell here (tests/tools.py): the browser tests already run in the full Chromium")
    launched = browser_launch.launch(playwright, tools.chromium(tools.FULL_CHROMIUM))
    yield launched
    launched.close()


def pages(history) -> list[str]:
    out = []
    for lang in LANGS:
        h = history[lang]
        out += ["/" if lang == LANGS[0] else f"/{lang}/", notice_path(lang), h.path(), h.path(h.ids[-1])]
        out += [h.path(h.with_changes[0], changes=True)] if h.with_changes else []
    return out


def open_all(browser, base_url: str, paths: list[str]):
    """Every page in a tab of its own at 1280 px, loading at once; with each page's failed
    requests and console errors as they come."""
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    context.add_init_script(NO_TRANSITIONS)
    tabs = {}
    for path in paths:
        page, problems = context.new_page(), []
        page.on("requestfailed", lambda r, p=problems: p.append(f"failed: {r.url} ({r.failure})"))
        page.on("response", lambda r, p=problems: p.append(f"{r.status}: {r.url}") if r.status >= 400 else None)
        page.on("console", lambda m, p=problems: p.append(f"console: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e, p=problems: p.append(f"page error: {e}"))
        page.goto(path, wait_until="commit")
        tabs[path] = (page, problems)
    return context, tabs


def shown(tabs) -> dict[str, dict]:
    """Each page once its network is idle: what it shows, and what went wrong."""
    out = {}
    for path, (page, problems) in tabs.items():
        page.wait_for_load_state("networkidle")
        out[path] = {"scan": page.evaluate(SCAN), "layout": page.evaluate(LAYOUT), "problems": problems}
    return out


def test_the_full_browser_shows_what_the_headless_shell_shows(full_browser, browser, site_server, history):
    paths = pages(history)
    assert len(paths) >= 9, paths
    opened = [open_all(b, site_server.url, paths) for b in (full_browser, browser)]
    try:
        full, shell = (shown(tabs) for _, tabs in opened)
    finally:
        for context, _ in opened:
            context.close()
    problems = [f"{path}: {p}" for path in paths for p in full[path]["problems"] + shell[path]["problems"]]
    assert not problems, "\n".join(problems)
    for path in paths:
        assert full[path]["scan"] == shell[path]["scan"], f"{path}: the two programs show different words"
        assert full[path]["layout"] == shell[path]["layout"], f"{path}: the two programs lay the page out differently"
