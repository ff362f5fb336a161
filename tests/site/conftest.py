"""Fixtures for the site tests: the project's site, built once per session from a copy
of the checkout (gitrepo.checkout_copy: its history plus uncommitted changes), served on
127.0.0.1 and opened in Debian's Chromium, as a reader would use it. Nothing is written
into the checkout.

Select these tests with `pytest -m site`; everything under tests/site/ carries the marks
`site` and `slow`. Screenshots go to $MAKLUMAT_TEST_ARTIFACTS, taken only when it is set (CI
sets test-artifacts/ and uploads it when a test fails); PDFs go there too, else to pytest's
temporary folder.
"""
from __future__ import annotations

import fcntl
import os
import shutil
from pathlib import Path

import pytest

from site_build import PROJECT, BuildError, build_here, checkout_copy
from site_pages import LANGS, History, read_history
from site_server import SiteServer
from site_walk import NO_TRANSITIONS, Walk, walk_site

HERE = Path(__file__).resolve().parent


def pytest_configure(config):
    config.addinivalue_line("markers", "site: tests of the built site, run as a reader uses it")


def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in Path(item.path).parents:
            item.add_marker(pytest.mark.site)
            item.add_marker(pytest.mark.slow)


def shared(tmp_path_factory, name: str, make) -> Path:
    """The folder `make(folder)` fills, made once per test session. Under pytest-xdist the
    first worker makes it in the session's common temporary folder (as pytest-xdist's docs
    suggest) while the others wait on a lock, then all read it; a failure is not recorded,
    so every worker that needs the folder tries, and fails, itself."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        return folder
    common = tmp_path_factory.getbasetemp().parent
    folder, done = common / name, common / f"{name}.done"
    with open(common / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def sample_checkout(tmp_path_factory) -> Path:
    """A copy of the checkout (history and uncommitted changes) that builds may write into;
    one per session (`shared`): the tests only read it once `built_site` has built it."""
    try:
        return shared(tmp_path_factory, "sample", lambda folder: checkout_copy(folder / "checkout", PROJECT)) / "checkout"
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture(scope="session")
def built_site(sample_checkout, tmp_path_factory) -> Path:
    """`mkdocs build --strict` of the sample, once per session (in this process), dated by HEAD."""
    try:
        return shared(tmp_path_factory, "built", lambda folder: build_here(sample_checkout, folder / "site")) / "site"
    except BuildError as exc:
        pytest.fail(f"the project's site does not build: {exc}", pytrace=False)


@pytest.fixture(scope="session")
def site_server(built_site):
    with SiteServer(built_site) as server:
        yield server


@pytest.fixture
def context(browser, site_server):
    ctx = browser.new_context(base_url=site_server.url, viewport={"width": 1280, "height": 900})
    # No test looks at an animation; without them a click does not wait for a menu to fade in.
    ctx.add_init_script(NO_TRANSITIONS)
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
def artifacts(tmp_path_factory) -> Path:
    """Where screenshots and PDFs to look at go: $MAKLUMAT_TEST_ARTIFACTS, or a folder
    under pytest's temporary directory."""
    chosen = os.environ.get("MAKLUMAT_TEST_ARTIFACTS")
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def screenshot(artifacts):
    """screenshot(page, name, **options): a picture of the page in `artifacts`, taken only when
    MAKLUMAT_TEST_ARTIFACTS asks for them (CI, or a developer who wants to look). No test
    checks a picture, and full-page screenshots cost the browser tests much of their time."""
    wanted = bool(os.environ.get("MAKLUMAT_TEST_ARTIFACTS"))

    def take(page, name: str, **options) -> None:
        if wanted:
            page.screenshot(path=artifacts / name, **options)
    return take


@pytest.fixture(scope="session")
def history(built_site) -> dict[str, History]:
    """The walked notice's version history per language, read from its history page."""
    return {lang: read_history(built_site, lang) for lang in LANGS}


@pytest.fixture(scope="session")
def walked(browser, site_server, built_site, tmp_path_factory) -> Walk:
    """Every page loaded once, read, and its language switch clicked (site_walk.py): one pass
    per session (`shared`: the first pytest-xdist worker that needs it walks, the others read
    what it saw) for test_site_every_page.py, test_site_switch.py and test_site_offline.py."""
    folder = shared(tmp_path_factory, "walk",
                    lambda into: walk_site(browser, site_server.url, built_site).save(into / "walk.json"))
    return Walk.load(folder / "walk.json")
