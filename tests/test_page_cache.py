"""The page cache (maklumat/mkdocs/pagecache.py): a warm build is byte-identical to a cold
one, and each kind of input change renders the pages it affects again."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from sitebuild import build, notice, site_repo

COUNTS = re.compile(r"(\w+): (\d+) generated pages from the page cache, (\d+) rendered, (\d+) not cacheable; "
                    r"Markdown of (\d+) from the cache, (\d+) rendered")


def _counts(output: str) -> tuple[int, int, int]:
    """Pages from the page cache, rendered, not cacheable; Markdown from its cache and
    rendered must add up to the same pages, hits with hits (same site_dir, same config)."""
    found = [tuple(int(n) for n in m.groups()[1:]) for m in COUNTS.finditer(output)]
    assert len(found) == 2, output   # one line per language
    hits, rendered, unstable, md_hits, md_rendered = (sum(c[i] for c in found) for i in range(5))
    assert md_hits + md_rendered == hits + rendered + unstable
    assert md_hits >= hits, "a page from the page cache whose Markdown was rendered again"
    return hits, rendered, unstable


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _same(warm: Path, cold: Path) -> None:
    a, b = _files(warm), _files(cold)
    assert a.keys() == b.keys(), sorted(a.keys() ^ b.keys())[:20]
    differing = sorted(name for name in a if a[name] != b[name])
    assert not differing, f"{len(differing)} files differ from a cold build: {differing[:20]}"


def _build(repo, out: Path, keep: Path):
    """Build into `out` (the same site_dir every time, as a real site does), copy the
    result to `keep`; the log."""
    built = build(repo.path, out=out)
    assert built.code == 0, built.output
    shutil.rmtree(keep, ignore_errors=True)
    shutil.copytree(out, keep)
    return built.output


def _cold(repo, out: Path, keep: Path) -> str:
    shutil.rmtree(repo.path / ".cache", ignore_errors=True)
    return _build(repo, out, keep)


def _edit(repo, i: int) -> None:
    for lang in ("id", "en"):
        repo.write(f"docs/{lang}/privacy.md", notice(lang).replace("phone", f"phone {i}")
                   .replace("telepon", f"telepon {i}"))
    repo.commit(f"Perubahan {i}", f"2025-0{i}-03T10:00:00+07:00")


def test_warm_after_a_commit_and_after_changes_is_cold(tmp_path, monkeypatch):
    repo = site_repo(tmp_path)
    for i in (2, 3, 4):
        _edit(repo, i)
    out = tmp_path / "out"
    first = _cold(repo, out, tmp_path / "first")
    hits, rendered, unstable = _counts(first)
    assert (hits, unstable) == (0, 0) and rendered > 10

    again = _build(repo, out, tmp_path / "again")   # nothing changed: nothing rendered again
    assert _counts(again) == (rendered, 0, 0)
    _same(tmp_path / "again", tmp_path / "first")

    _edit(repo, 5)   # a commit: new pages, the others unchanged and from the cache
    warm = _build(repo, out, tmp_path / "warm")
    hits, fresh, _ = _counts(warm)
    assert hits > 0 and fresh > 0
    _cold(repo, out, tmp_path / "cold")
    _same(tmp_path / "warm", tmp_path / "cold")

    # Each kind of input, changed: every generated page shows it, so all are rendered again,
    # and the result is what a cold build makes.
    config = repo.path / "mkdocs.yml"
    changes = {
        "theme palette": lambda: config.write_text(
            config.read_text("utf-8").replace("icon: material/weather-night", "icon: material/brightness-4"), "utf-8"),
        "a site word (catalog override)": lambda: config.write_text(
            config.read_text("utf-8").replace("prevailing: id", "prevailing: id\n      strings:\n"
                                              "        home:\n          en: Start page"), "utf-8"),
        "a template override": lambda: _override(repo.path, config),
        "a library version": lambda: _library(tmp_path / "libs", monkeypatch),
    }
    for what, change in changes.items():
        _build(repo, out, tmp_path / "before")   # the cache holds the current state
        change()
        warm = _build(repo, out, tmp_path / "warm")
        hits, fresh, _ = _counts(warm)
        assert hits == 0 and fresh > 0, f"{what}: {hits} pages from the cache after the change"
        _cold(repo, out, tmp_path / "cold")
        _same(tmp_path / "warm", tmp_path / "cold")


def _override(root: Path, config: Path) -> None:
    """The site's own custom_dir with a changed partial every page includes."""
    partial = root / "overrides" / "partials" / "copyright.html"
    partial.parent.mkdir(parents=True, exist_ok=True)
    partial.write_text('<div class="md-copyright">PT Seruni Data Nusantara</div>\n', "utf-8")
    if "custom_dir" not in config.read_text("utf-8"):
        config.write_text(config.read_text("utf-8").replace("  name: material\n",
                                                            "  name: material\n  custom_dir: overrides\n"), "utf-8")


def _library(libs: Path, monkeypatch) -> None:
    """A stand-in for an upgraded library: an installed distribution's version changes."""
    dist = libs / "maklumat_standin-2.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: maklumat-standin\nVersion: 2.0\n", "utf-8")
    monkeypatch.syspath_prepend(str(libs))


def test_a_new_commit_keeps_archived_pages_from_the_cache(tmp_path):
    """Archived pages of versions a commit does not touch come from the cache: the
    new commit's pages (and those whose content shows the latest version) are rendered."""
    repo = site_repo(tmp_path)
    for i in (2, 3, 4, 5):
        _edit(repo, i)
    out = tmp_path / "out"
    _, total, _ = _counts(_cold(repo, out, tmp_path / "cold"))
    _edit(repo, 6)
    hits, fresh, _ = _counts(_build(repo, out, tmp_path / "warm"))
    assert hits >= total // 2, (hits, fresh, total)


def _warnings(output: str) -> list[str]:
    return sorted(line for line in output.splitlines() if line.startswith("WARNING"))


def test_a_link_target_that_goes_renders_the_archived_pages_linking_to_it_again(tmp_path):
    """An archived version links to a file; a later commit deletes it. The archived
    page's Markdown names the file, so its key changes: the warm build gives the cold
    build's pages and the cold build's warnings (the broken link)."""
    repo = site_repo(tmp_path)
    for lang in ("id", "en"):
        (repo.path / f"docs/{lang}/map.txt").write_text("Jakarta\n", "utf-8")
        repo.write(f"docs/{lang}/privacy.md", notice(lang) + "\nSee [the map](map.txt).\n")
    repo.commit("Peta", "2025-02-03T10:00:00+07:00")
    _edit(repo, 3)   # the text with the link is now an archived version
    out = tmp_path / "out"
    first = build(repo.path, out=out, strict=False)
    assert first.code == 0 and not _warnings(first.output), first.output
    for lang in ("id", "en"):
        repo.git("rm", "-q", f"docs/{lang}/map.txt")
    repo.commit("Hapus peta", "2025-04-03T10:00:00+07:00")
    warm = build(repo.path, out=out, strict=False)
    _counts(warm.output)
    assert sum(int(m.group(5)) for m in COUNTS.finditer(warm.output)) > 0, "no Markdown from the cache"
    shutil.copytree(out, tmp_path / "warm")
    shutil.rmtree(repo.path / ".cache")
    cold = build(repo.path, out=out, strict=False)
    _same(tmp_path / "warm", out)
    assert any("map.txt" in w for w in _warnings(cold.output))
    assert _warnings(warm.output) == _warnings(cold.output)


def _stored(repo) -> int:
    store = repo.path / ".cache" / "maklumat"
    return sum(1 for _ in store.glob("pages/*/*")) + sum(1 for _ in store.glob("rendered/*/*"))


def test_a_complete_build_keeps_only_what_it_used(tmp_path):
    """The stores hold one site's worth: after a change that renders every page again,
    the entries of the state before are gone (the workflows' cache does not grow)."""
    repo = site_repo(tmp_path)
    _edit(repo, 2)
    out = tmp_path / "out"
    _cold(repo, out, tmp_path / "cold")
    before = _stored(repo)
    assert before > 0
    config = repo.path / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("icon: material/weather-night", "icon: material/brightness-4"), "utf-8")
    hits, rendered, _ = _counts(_build(repo, out, tmp_path / "warm"))
    assert hits == 0 and rendered > 0
    assert _stored(repo) == before
