"""Fixtures for the site tests: the project's site, built once, served on 127.0.0.1
and opened in Debian's Chromium, as a reader would use it.

Select these tests with `pytest -m site`; everything under tests/site/ carries the mark.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from site_build import PROJECT, BuildError, build, check_full_history
from site_pages import LANGS, History, read_history
from site_server import SiteServer

HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = PROJECT / "test-artifacts"


def pytest_configure(config):
    config.addinivalue_line("markers", "site: tests of the built site, run as a reader uses it")


def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in Path(item.path).parents:
            item.add_marker(pytest.mark.site)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """`mkdocs build --strict` of the project, once per session, dated by HEAD."""
    dest = tmp_path_factory.mktemp("built") / "site"
    try:
        check_full_history(PROJECT)
        build(PROJECT, dest)
    except BuildError as exc:
        pytest.fail(f"the project's site does not build: {exc}", pytrace=False)
    return dest


@pytest.fixture(scope="session")
def site_server(built_site):
    with SiteServer(built_site) as server:
        yield server


@pytest.fixture(scope="module")  # not session: other tests start Playwright of their own,
def browser():                   # which cannot run while this one is open
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: run scripts/install-system-deps", pytrace=False)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=["--disable-gpu", "--disable-quic"])
        yield browser
        browser.close()


@pytest.fixture
def context(browser, site_server):
    ctx = browser.new_context(base_url=site_server.url, viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


@pytest.fixture
def requested(context) -> list[str]:
    """Every URL any page of this test's browser context asks for, in order."""
    urls: list[str] = []
    context.on("request", lambda request: urls.append(request.url))
    return urls


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """test-artifacts/ at the project root (gitignored): screenshots and PDFs to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def history(built_site) -> dict[str, History]:
    """The walked notice's version history per language, read from its history page."""
    return {lang: read_history(built_site, lang) for lang in LANGS}
