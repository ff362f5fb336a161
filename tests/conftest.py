"""Shared pytest options and fixtures for the whole suite."""
from __future__ import annotations

import subprocess

import pytest
from mkdocs.commands import build as mkdocs_build

import browser_launch
import tools
from golden import Golden
from maklumat.markdown import rendering
from maklumat.model import DEFAULT_MARKDOWN


# The longest test files, started first: pytest-xdist (--dist loadgroup, pyproject.toml) hands
# out one test (or one xdist_group) at a time in collection order, so a long test or group
# collected last would keep one worker busy after the others are done. These files in this
# order, then the rest as usual.
LONGEST_FIRST = (
    "tests/site/test_site_every_page.py",   # the walk over every page (site_walk.py)
    "tests/test_page_cache.py",
    "tests/site/test_site_links.py",
    "tests/site/test_site_payloads.py",
    "tests/site/test_site_full_browser.py",   # a second browser, launched for it alone
    "tests/test_history_fuzz.py",
    "tests/site/test_site_permanence.py",
    "tests/site/test_site_reproducible.py",
)


def pytest_collection_modifyitems(items):
    def rank(item) -> int:
        return next((i for i, path in enumerate(LONGEST_FIRST) if item.nodeid.startswith(path + "::")),
                    len(LONGEST_FIRST))
    items.sort(key=rank)   # stable: the rest keep their order


def pytest_addoption(parser):
    parser.addoption("--update-goldens", action="store_true", default=False,
                     help="rewrite golden files from the current output (make goldens)")


@pytest.fixture(autouse=True)
def default_reading():
    """A build sets the process-wide Markdown reading (`rendering.use`) to its site's
    extensions; every test starts from the default, whatever ran before it in this worker."""
    rendering.use(DEFAULT_MARKDOWN)
    yield
    rendering.use(DEFAULT_MARKDOWN)


@pytest.fixture
def golden(request) -> Golden:
    return Golden(request.config.getoption("--update-goldens"))


@pytest.fixture(scope="session")
def playwright():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright):
    """Debian's Chromium (its headless shell, tools.CHROMIUM) through Playwright, launched once
    per session (per worker with pytest-xdist) for every browser test: the site tests and
    tests/test_redline_js.py."""
    launched = browser_launch.launch(playwright, tools.chromium())
    yield launched
    launched.close()


@pytest.fixture(autouse=True)
def builds_only_when_slow(request, monkeypatch):
    """`pytest -m "not slow"` is the quick inner loop (CONTRIBUTING): a test that runs a MkDocs
    build in this process, or any `mkdocs` command, must carry the `slow` mark, or it fails
    saying so."""
    if request.node.get_closest_marker("slow") is not None:
        return

    def refused(*args, **kwargs):
        pytest.fail(f"{request.node.nodeid} runs a MkDocs build: mark it `slow` (pytest.mark.slow)", pytrace=False)
    run = subprocess.run

    def checked(args, *rest, **kwargs):
        words = [str(a) for a in args] if isinstance(args, (list, tuple)) else str(args).split()
        if words and (words[0].endswith("mkdocs") or words[1:3] == ["-m", "mkdocs"]):
            refused()
        return run(args, *rest, **kwargs)
    monkeypatch.setattr(mkdocs_build, "build", refused)
    monkeypatch.setattr(subprocess, "run", checked)
