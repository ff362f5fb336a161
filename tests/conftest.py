"""Shared pytest options and fixtures for the whole suite."""
from __future__ import annotations

import pytest

import tools
from golden import Golden


def pytest_addoption(parser):
    parser.addoption("--update-goldens", action="store_true", default=False,
                     help="rewrite golden files from the current output (make goldens)")


@pytest.fixture
def golden(request) -> Golden:
    return Golden(request.config.getoption("--update-goldens"))


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright, launched once per session (per worker with
    pytest-xdist) for every browser test: the site tests and tests/test_redline_js.py."""
    from playwright.sync_api import sync_playwright

    executable = tools.chromium()
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=executable, headless=True,
                                     args=["--disable-gpu", "--disable-quic"])
        yield launched
        launched.close()
