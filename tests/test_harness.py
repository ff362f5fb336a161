"""The test suite's own helpers can fail: a missing tool is never a pass, an empty
validator report is never "valid", the site tests' copy of the checkout carries its
uncommitted changes without touching it, the shifted clock really moves, and a test that
runs a MkDocs build without the `slow` mark fails."""
from __future__ import annotations

import subprocess
import sys

import pytest

import tools
from clock import shifted_env
from gitrepo import GitRepo, checkout_copy

NO_SUCH = "maklumat-no-such-program"


def test_missing_tool_fails_in_ci(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=f"`{NO_SUCH}` is missing: make test installs"):
        tools.executable(NO_SUCH, "make test installs it")


@pytest.mark.parametrize("ci", [None, "", "false", "0"])
def test_missing_tool_skips_with_the_reason_outside_ci(monkeypatch, ci):
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    with pytest.raises(pytest.skip.Exception, match=f"`{NO_SUCH}` is missing"):
        tools.executable(NO_SUCH)


def fake_vnu(monkeypatch, report: str, code: int) -> None:
    """A stand-in for java -jar vnu.jar that writes `report` to stderr and exits `code`."""
    script = f"import sys; sys.stderr.write({report!r}); sys.exit({code})"
    monkeypatch.setattr(tools, "vnu", lambda: [sys.executable, "-c", script])


@pytest.mark.parametrize("report, code", [("", 0), ("not json", 0), ('{"messages": []}', 1),
                                          ('{"messages": [{"message": "bad"}]}', 0)],
                         ids=["silent", "garbage", "clean-but-exit-1", "errors-but-exit-0"])
def test_vnu_report_must_exist_and_agree_with_the_exit_status(monkeypatch, tmp_path, report, code):
    fake_vnu(monkeypatch, report, code)
    with pytest.raises(AssertionError, match="vnu"):
        tools.vnu_errors(tmp_path / "page.html")


def test_vnu_errors_are_returned(monkeypatch, tmp_path):
    fake_vnu(monkeypatch, '{"messages": [{"type": "error", "message": "Stray end tag"}]}', 1)
    assert [m["message"] for m in tools.vnu_errors(tmp_path / "page.html")] == ["Stray end tag"]
    fake_vnu(monkeypatch, '{"messages": []}', 0)
    assert tools.vnu_errors(tmp_path / "page.html") == []


def test_checkout_copy_has_history_and_uncommitted_changes_and_leaves_the_source_alone(tmp_path):
    source = GitRepo.init(tmp_path / "source")
    for name in ("kept.md", "edited.md", "deleted.md", "staged.md"):
        source.write(f"docs/{name}", f"{name} v1\n")
    source.write(".gitignore", "/.cache/\n")
    source.commit("First", "2025-01-01T10:00:00+07:00")
    source.write("docs/edited.md", "edited.md v2\n")
    head = source.commit("Second", "2025-02-01T10:00:00+07:00")
    source.write("docs/edited.md", "edited.md uncommitted\n")
    source.write("docs/new.md", "new, untracked\n")
    source.write(".cache/ignored.json", "{}\n")
    (source.path / "docs" / "deleted.md").unlink()
    source.write("docs/staged.md", "staged.md v2, added to the index\n")   # e.g. a merge being resolved
    source.git("add", "docs/staged.md")
    status = source.git("status", "--porcelain", "--ignored")

    copy = checkout_copy(tmp_path / "elsewhere" / "copy", source.path)

    assert source.git("status", "--porcelain", "--ignored") == status   # the source is untouched
    assert GitRepo(copy).head() == head
    assert GitRepo(copy).git("rev-list", "--count", "HEAD").strip() == "2"   # the whole history
    assert (copy / "docs" / "edited.md").read_text() == "edited.md uncommitted\n"
    assert (copy / "docs" / "new.md").read_text() == "new, untracked\n"
    assert (copy / "docs" / "kept.md").read_text() == "kept.md v1\n"
    assert (copy / "docs" / "staged.md").read_text() == "staged.md v2, added to the index\n"
    assert not (copy / "docs" / "deleted.md").exists()
    assert not (copy / ".cache").exists()   # ignored files stay behind
    # ... and stay uncommitted in the copy, as in the checkout.
    assert sorted(GitRepo(copy).git("status", "--porcelain").splitlines()) == [
        " D docs/deleted.md", " M docs/edited.md", " M docs/staged.md", "?? docs/new.md"]


def test_shifted_clock_moves_every_clock():
    env = shifted_env({"PATH": "/usr/bin:/bin"})
    code = ("import datetime, time; print(datetime.date.today().year, datetime.datetime.now().year, "
            "time.localtime().tm_year, time.strftime('%Y'), isinstance(datetime.date(2025, 1, 1), datetime.date))")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    now = __import__("datetime").date.today().year
    *years, real_dates_still_dates = out.split()
    assert all(int(y) >= now + 9 for y in years), out
    assert real_dates_still_dates == "True"


def test_browser_switches_must_hold_exactly_our_feature_list():
    """tests/browser_launch.py: a browser started with Playwright's list and ours (Chromium
    would read only the last) or with another list fails the session; ours alone passes."""
    from browser_launch import DISABLED, PLAYWRIGHT_DISABLED, check_switches

    check_switches([["/usr/lib/chromium/chromium", "--headless", DISABLED]])
    for switches in ([["chromium", PLAYWRIGHT_DISABLED, DISABLED]], [["chromium", PLAYWRIGHT_DISABLED]],
                     [["chromium", DISABLED], ["chromium", DISABLED]], []):
        with pytest.raises(AssertionError):
            check_switches(switches)


def test_a_browser_forking_a_helper_is_still_one_browser():
    """browser_launch.browsers: Playwright's driver (20, a child of this process, 10) started
    the browser (30); 31 is its fork that has not yet become a helper (the same command line);
    40 is another process's browser. One browser of ours; a second one started by the driver
    would make two (and fail `check_switches`)."""
    from browser_launch import DISABLED, browsers

    line = ["chromium-headless-shell", DISABLED]
    parents, lines = {20: 10, 30: 20, 31: 30, 40: 1}, {30: line, 31: line, 40: line}
    assert browsers(parents, lines, 10) == [line]
    assert browsers({**parents, 32: 20}, {**lines, 32: line}, 10) == [line, line]


def test_a_build_in_a_test_not_marked_slow_fails_saying_so():
    """(conftest.py's `builds_only_when_slow`: the quick inner loop stays quick.)"""
    from mkdocs.commands import build as mkdocs_build
    with pytest.raises(pytest.fail.Exception, match="runs a MkDocs build: mark it `slow`"):
        mkdocs_build.build(None)
    for command in (["mkdocs", "--version"], [sys.executable, "-m", "mkdocs", "--version"], "/x/.venv/bin/mkdocs build"):
        with pytest.raises(pytest.fail.Exception, match="runs a MkDocs build: mark it `slow`"):
            subprocess.run(command)
    assert subprocess.run(["git", "--version"], capture_output=True).returncode == 0   # anything else runs
