"""`mkdocs build` over its last complete site (maklumat/mkdocs/inplace.py): unchanged
generated pages stay where they are, and the site is still exactly a cold build's."""
from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from sitebuild import build, notice, site_repo

pytestmark = pytest.mark.slow   # MkDocs builds: `pytest -m "not slow"` leaves these out

IN_PLACE = re.compile(r"(\w+): \d+ pages written from the cache \((\d+) already in place\)")


def _edit(repo, i: int) -> None:
    for lang in ("id", "en"):
        repo.write(f"docs/{lang}/privacy.md", notice(lang).replace("phone", f"phone {i}").replace("telepon", f"telepon {i}"))
    repo.commit(f"Perubahan {i}", f"2025-0{i}-03T10:00:00+07:00")


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _dirs(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_dir()}


def _built(repo, out: Path) -> str:
    done = build(repo.path, out=out)
    assert done.code == 0, done.output
    return done.output


def _in_place(output: str) -> int:
    return sum(int(n) for _, n in IN_PLACE.findall(output))


def _same_as_cold(repo, out: Path, tmp_path: Path) -> None:
    """`out` holds exactly what a cold build of the same state writes (files and folders)."""
    shutil.copytree(out, tmp_path / "warm")
    shutil.rmtree(repo.path / ".cache")
    _built(repo, out)
    assert _dirs(tmp_path / "warm") == _dirs(out)
    warm, cold = _files(tmp_path / "warm"), _files(out)
    assert warm.keys() == cold.keys(), sorted(warm.keys() ^ cold.keys())
    assert [name for name in warm if warm[name] != cold[name]] == []


def _archived(out: Path) -> list[Path]:
    return sorted(out.glob("privacy/versions/*/index.html"))


def test_a_rebuild_leaves_unchanged_pages_in_place_and_is_a_cold_build(tmp_path):
    repo = site_repo(tmp_path)
    for i in (2, 3, 4):
        _edit(repo, i)
    out = tmp_path / "out"
    assert _in_place(_built(repo, out)) == 0
    before = {p: os.stat(p) for p in _archived(out)}
    assert len(before) >= 3
    _edit(repo, 5)
    again = _built(repo, out)
    assert _in_place(again) > 0, again
    untouched = [p for p, st in before.items() if os.stat(p).st_ino == st.st_ino and os.stat(p).st_mtime_ns == st.st_mtime_ns]
    assert untouched, "some archived page should have stayed, not been deleted and copied back"
    _same_as_cold(repo, out, tmp_path)


def test_what_the_last_build_left_is_trusted_only_unchanged(tmp_path):
    """A page changed by hand (its size, or only its time), a file someone added, a
    listed page no page of this build claims: the rebuild gives a cold build's site. A
    hidden file at the top is left, as MkDocs' own clean leaves it."""
    repo = site_repo(tmp_path)
    for i in (2, 3, 4):
        _edit(repo, i)
    out = tmp_path / "out"
    _built(repo, out)
    grown, touched = _archived(out)[:2]
    grown.write_bytes(grown.read_bytes() + b"<!-- edited -->")
    st = os.stat(touched)
    touched.write_bytes(touched.read_bytes().replace(b"<html", b"<HTML", 1))
    os.utime(touched, ns=(st.st_atime_ns, st.st_mtime_ns + 1))
    (out / "stray.html").write_text("left by someone", "utf-8")
    (out / "privacy" / "versions" / "stray").mkdir()
    (out / ".nojekyll").write_text("", "utf-8")
    listing = next((repo.path / ".cache" / "maklumat").glob("site-*.json"))
    listed = json.loads(listing.read_text("utf-8"))
    gone = out / "privacy" / "versions" / "0123456789ab" / "index.html"   # as if a page of the last build
    gone.parent.mkdir()
    gone.write_text("an old page", "utf-8")
    listed["privacy/versions/0123456789ab/index.html"] = ["0" * 64, gone.stat().st_size, gone.stat().st_mtime_ns]
    outside = tmp_path / "outside.html"   # a list that names a file outside the site: never touched
    outside.write_text("not the site's", "utf-8")
    listed["../outside.html"] = ["0" * 64, outside.stat().st_size, outside.stat().st_mtime_ns]
    listing.write_text(json.dumps(listed), "utf-8")
    again = _built(repo, out)
    assert _in_place(again) > 0, again
    assert (out / ".nojekyll").is_file() and outside.is_file()
    (out / ".nojekyll").unlink()
    _same_as_cold(repo, out, tmp_path)


def test_after_a_failed_build_the_next_one_empties_the_folder(tmp_path):
    """The list goes when a build starts and comes back when one completes: after a build
    that failed half-way, nothing is left in place."""
    repo = site_repo(tmp_path)
    _edit(repo, 2)
    out = tmp_path / "out"
    _built(repo, out)
    partial = repo.path / "overrides" / "partials" / "copyright.html"   # every page's template fails
    partial.parent.mkdir(parents=True)
    partial.write_text("{{ no_such_filter | no_such_filter }}\n", "utf-8")
    config = repo.path / "mkdocs.yml"
    plain = config.read_text("utf-8")
    config.write_text(plain.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"), "utf-8")
    failed = build(repo.path, out=out)
    assert failed.code == 1 and "no_such_filter" in failed.output, failed.output
    assert not list((repo.path / ".cache" / "maklumat").glob("site-*.json"))
    config.write_text(plain, "utf-8")
    assert _in_place(_built(repo, out)) == 0
    _same_as_cold(repo, out, tmp_path)


def test_a_page_of_another_state_is_replaced(tmp_path):
    """The site directory holds state B's pages while the page store has state A's (a
    cache restored from elsewhere; the history moved back): a page whose key is not the
    listed one is copied from the store, never left as it was."""
    repo = site_repo(tmp_path)
    (repo.path / ".gitignore").write_text(".cache/\n", "utf-8")   # as a real site has it: kept by the reset
    for i in (2, 3):
        _edit(repo, i)
    out, store = tmp_path / "out", repo.path / ".cache" / "maklumat"
    _built(repo, out)
    shutil.copytree(store / "pages", tmp_path / "pages-a")
    _edit(repo, 4)
    _built(repo, out)
    repo.git("reset", "-q", "--hard", "HEAD~1")
    shutil.copytree(tmp_path / "pages-a", store / "pages", dirs_exist_ok=True)
    again = _built(repo, out)
    assert _in_place(again) > 0, again
    written = sum(int(n) for n in re.findall(r"(\d+) pages written from the cache", again))
    assert written > _in_place(again), "the history page, for one, came from the store"
    _same_as_cold(repo, out, tmp_path)


def test_a_damaged_list_is_a_clean_build(tmp_path):
    """The list is the plugin's own file, but a damaged one (any shape) only costs time."""
    repo = site_repo(tmp_path)
    _edit(repo, 2)
    out = tmp_path / "out"
    _built(repo, out)
    listing = next((repo.path / ".cache" / "maklumat").glob("site-*.json"))
    for damaged in ("[1, 2]", '{"index.html": 3}', '{"a": ["k", "big", 1]}', "{"):
        listing.write_text(damaged, "utf-8")
        (out / "stray.html").write_text("left by someone", "utf-8")
        assert _in_place(_built(repo, out)) == 0
        assert not (out / "stray.html").exists()
    _same_as_cold(repo, out, tmp_path)
