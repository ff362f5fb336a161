"""The page cache (maklumat/mkdocs/fastpath.py, pagecache.py, rendercache.py): unchanged
generated pages are copied from the store and never enter MkDocs' page loop; a warm build
is byte-identical to a cold one, and each kind of input change renders what it affects."""
from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from mkdocs.commands import build as mkdocs_build

from gitrepo import GitRepo
from maklumat.mkdocs import storedpage
from sitebuild import build, notice, site_repo

pytestmark = pytest.mark.slow   # MkDocs builds: `pytest -m "not slow"` leaves these out

COUNTS = re.compile(r"(\w+): (\d+) pages written from the cache \(\d+ already in place\), (\d+) generated pages rendered "
                    r"\((\d+) after a navigation change, \d+ in a process pool\), (\d+) not cacheable; "
                    r"Markdown of (\d+) from the cache, (\d+) rendered")


def _counts(output: str) -> tuple[int, int, int]:
    """Pages written from the cache, generated pages rendered, of them after a navigation
    change; the Markdown step ran (from its cache or not) for the rendered ones only."""
    found = [tuple(int(n) for n in m.groups()[1:]) for m in COUNTS.finditer(output)]
    assert len(found) == 2, output   # one line per language
    written, rendered, fallback, unstable, md_hits, md_rendered = (sum(c[i] for c in found) for i in range(6))
    assert unstable == 0, output
    assert md_hits + md_rendered == rendered, output
    return written, rendered, fallback


EDITORS = re.compile(r"editors' pages' Markdown: (\d+) from the cache, (\d+) rendered")


def _editors_markdown(output: str) -> tuple[int, int]:
    """The editors' pages' Markdown (rendercache.py): from the cache, rendered."""
    found = EDITORS.findall(output)
    assert len(found) == 2, output
    return sum(int(h) for h, _ in found), sum(int(m) for _, m in found)


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _same(warm: Path, cold: Path) -> None:
    a, b = _files(warm), _files(cold)
    assert a.keys() == b.keys(), sorted(a.keys() ^ b.keys())[:20]
    differing = sorted(name for name in a if a[name] != b[name])
    assert not differing, f"{len(differing)} files differ from a cold build: {differing[:20]}"


def _build(repo, out: Path, keep: Path, strict: bool = True):
    """Build into `out` (the same site_dir every time, as a real site does), copy the
    result to `keep`; the log."""
    built = build(repo.path, out=out, strict=strict)
    assert built.code == 0, built.output
    shutil.rmtree(keep, ignore_errors=True)
    shutil.copytree(out, keep)
    return built.output


def _cold(repo, out: Path, keep: Path) -> str:
    shutil.rmtree(repo.path / ".cache", ignore_errors=True)
    return _build(repo, out, keep)


def _edit(repo, i: int, title: str = "", trailers: tuple[str, ...] = (), effective: str = "2025-01-10") -> None:
    for lang in ("id", "en"):
        text = notice(lang, f"effective: {effective}\n").replace("phone", f"phone {i}").replace("telepon", f"telepon {i}")
        repo.write(f"docs/{lang}/privacy.md", text.replace("Notice\n", f"Notice{title}\n")
                   .replace("Privasi\n", f"Privasi{title}\n"))
    repo.commit(f"Perubahan {i}", f"2025-0{i}-03T10:00:00+07:00", trailers=trailers)


@pytest.fixture
def page_builds(monkeypatch):
    return _page_builds(monkeypatch)


def _page_builds(monkeypatch) -> list[str]:
    """The pages that went through MkDocs' template step (`_build_page`), from now on."""
    calls = []
    original = mkdocs_build._build_page
    monkeypatch.setattr(mkdocs_build, "_build_page", lambda page, *a, **k: (calls.append(page.file.src_uri),
                                                                             original(page, *a, **k))[1])
    return calls


@dataclass
class Start:
    """The site every change starts from, built cold: its repository (with the cache the
    cold build left) and output folder, kept as they were (`pristine`), and what that build
    did. The cache's keys hold the site's absolute paths (the config), so each test works
    on a fresh copy at the path the cold build used (`work`; one test at a time per worker)."""
    folder: Path
    rendered: int     # generated pages rendered
    editors: int      # the other pages that went through `_build_page`

    def copy(self) -> tuple[GitRepo, Path]:
        """The start, restored into `work`: the repository to change and its `out`."""
        work = self.folder / "work"
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(self.folder / "pristine", work, symlinks=True)
        return GitRepo(work / "site"), work / "out"


@pytest.fixture(scope="session")
def start(tmp_path_factory) -> Start:
    """Three commits (the last one editorial: its pages' date is the latest, which the
    sitemap.xml.gz time stamp shows), built cold once per worker; each test changes a copy."""
    folder = tmp_path_factory.mktemp("page-cache-start")
    repo = site_repo(folder / "work")
    for i in (2, 3):
        _edit(repo, i)
    _edit(repo, 4, trailers=("Notice-Change: editorial",))
    with pytest.MonkeyPatch.context() as patch:
        calls = _page_builds(patch)
        written, rendered, _ = _counts(_cold(repo, folder / "work" / "out", folder / "first"))
    assert written == 0 and rendered > 10
    shutil.copytree(folder / "work", folder / "pristine", symlinks=True)
    return Start(folder, rendered, len(calls) - rendered)


def test_warm_after_no_change_is_cold(start, tmp_path, page_builds):
    """Nothing changed: every generated page is copied from the cache, none goes through
    MkDocs' page loop, and the site is the cold build's, byte for byte."""
    repo, out = start.copy()
    again = _build(repo, out, tmp_path / "again")
    assert _counts(again) == (start.rendered, 0, 0)
    assert len(page_builds) == start.editors, "a page from the cache went through MkDocs' page loop"
    # The editors' pages go through the loop, their Markdown from the render cache.
    assert _editors_markdown(again) == (start.editors, 0), again
    _same(tmp_path / "again", start.folder / "first")


def test_the_comparison_sees_a_sitemap_stamp_left_unfixed(start, tmp_path, monkeypatch):
    """Self-check of the comparison above: with the sitemap.xml.gz time stamp rewrite
    (storedpage.finish) turned off, the warm site differs from the cold one in exactly the
    two sitemap.xml.gz files (the stored pages' later date is missing from the stamp)."""
    real = storedpage.os.path.isfile
    monkeypatch.setattr(storedpage.os.path, "isfile", lambda p: False if str(p).endswith("sitemap.xml.gz") else real(p))
    repo, out = start.copy()
    _build(repo, out, tmp_path / "again")
    with pytest.raises(AssertionError) as failed:
        _same(tmp_path / "again", start.folder / "first")
    assert "2 files differ from a cold build: ['en/sitemap.xml.gz', 'sitemap.xml.gz']" in str(failed.value)


# Each kind of input, changed: the pages that show it are rendered again, and the warm site
# is the cold build's. A case is one or more changes in turn, each built warm (from the
# cache of the state before: the last cold build's), compared with a cold build.
CHANGES = {
    "a commit": lambda repo, tmp, mp: _edit(repo, 5, effective="2025-05-10"),   # (front matter in the nav changes)
    "theme palette": lambda repo, tmp, mp: _config(repo, "icon: material/weather-night", "icon: material/brightness-4"),
    "a site word (catalog override)": lambda repo, tmp, mp: _config(
        repo, "prevailing: id", "prevailing: id\n      strings:\n        home:\n          en: Start page"),
    "a template override": lambda repo, tmp, mp: _override(repo.path, repo.path / "mkdocs.yml"),
    "a library version": lambda repo, tmp, mp: _library(tmp / "libs", mp),
    "a new notice": lambda repo, tmp, mp: _new_notice(repo),
    "a notice's title": lambda repo, tmp, mp: _edit(repo, 8, title=" (2025)", effective="2025-08-10"),
    "a title in the nav only": lambda repo, tmp, mp: _home_title(repo),
}


@pytest.mark.parametrize("steps", [
    ("a commit",), ("theme palette",), ("a site word (catalog override)",), ("a template override",),
    ("a library version",), ("a title in the nav only",),
    ("a new notice", "a notice's title"),   # the title of one of two notices
], ids=lambda steps: ", then ".join(steps))
def test_warm_after_each_kind_of_change_is_cold(start, steps, tmp_path, monkeypatch):
    repo, out = start.copy()
    for what in steps:
        CHANGES[what](repo, tmp_path, monkeypatch)
        written, fresh, fallback = _counts(_build(repo, out, tmp_path / "warm"))
        assert fresh > 0, what
        if what == "a commit":
            assert written > 0, f"{what}: nothing from the cache"
        elif what == "a notice's title":   # its own pages' keys change; the other notice's pages were
            assert fallback > 0, (what, written, fallback)   # predicted with the old nav: rendered now
        elif what == "a title in the nav only":   # its title is in the nav every page shows
            assert fallback > 0, (what, written, fallback)
        else:
            assert written == 0, f"{what}: {written} pages from the cache after the change"
        _cold(repo, out, tmp_path / "cold")
        _same(tmp_path / "warm", tmp_path / "cold")


def _config(repo, old: str, new: str) -> None:
    config = repo.path / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert old in text
    config.write_text(text.replace(old, new), "utf-8")


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


def _home_title(repo) -> None:
    """The home page's heading: its title is in the nav that every page shows, and no
    generated page's own inputs hold it."""
    repo.write("docs/id/index.md", "# Beranda Seruni\n\nSitus uji Seruni.\n")
    repo.commit("Judul beranda", "2025-09-13T10:00:00+07:00")


def _new_notice(repo) -> None:
    for lang, title in (("id", "Kebijakan Kuki"), ("en", "Cookie Policy")):
        repo.write(f"docs/{lang}/cookies.md", f"---\neffective: 2025-08-01\n---\n\n# {title}\n\n## Data\n\nKuki.\n")
    repo.commit("Kuki", "2025-07-03T10:00:00+07:00")   # (before _edit(8)'s August)


def test_a_new_commit_keeps_archived_pages_from_the_cache(tmp_path):
    """Archived pages of versions a commit does not touch come from the cache: the
    new commit's pages (and those whose content shows the latest version) are rendered."""
    repo = site_repo(tmp_path)
    for i in (2, 3, 4, 5):
        _edit(repo, i)
    out = tmp_path / "out"
    _, total, _ = _counts(_cold(repo, out, tmp_path / "cold"))
    _edit(repo, 6)
    written, fresh, _ = _counts(_build(repo, out, tmp_path / "warm"))
    assert written >= total // 2, (written, fresh, total)


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
    written, _, _ = _counts(warm.output)
    assert written > 0, "nothing from the cache"
    shutil.copytree(out, tmp_path / "warm")
    shutil.rmtree(repo.path / ".cache")
    cold = build(repo.path, out=out, strict=False)
    _same(tmp_path / "warm", out)
    assert any("map.txt" in w for w in _warnings(cold.output))
    assert _warnings(warm.output) == _warnings(cold.output)


def test_a_stored_page_with_a_broken_anchor_fails_strict_as_cold(tmp_path):
    """An archived version links to an anchor that is not there, and to one that is on
    another page. Copied from the cache, its links are still validated and its log lines
    replayed: a warm `--strict` build fails with exactly the cold build's warnings."""
    repo = site_repo(tmp_path)
    for lang in ("id", "en"):
        repo.write(f"docs/{lang}/privacy.md", notice(lang) + "\nSee [gone](#nowhere), [data](#data) "
                   "and [home](../index.md#missing).\n")
    repo.commit("Tautan", "2025-02-03T10:00:00+07:00")
    _edit(repo, 3)   # the text with the links is now an archived version
    out = tmp_path / "out"
    cold = build(repo.path, out=out, strict=True)
    assert cold.code == 1 and "Aborted with" in cold.output, cold.output
    assert any("nowhere" in w for w in _warnings(cold.output)), cold.output
    warm = build(repo.path, out=out, strict=True)
    written, _, _ = _counts(warm.output)
    assert written > 0
    assert warm.code == 1
    assert _warnings(warm.output) == _warnings(cold.output)
    assert [line for line in warm.output.splitlines() if "Aborted" in line] == \
        [line for line in cold.output.splitlines() if "Aborted" in line]


def test_another_plugin_keeps_every_page_in_the_loop(tmp_path):
    """A hook (any plugin but search, i18n and maklumat) could change a page in ways no
    key reads: then nothing is taken out of MkDocs' page loop."""
    repo = site_repo(tmp_path)
    _edit(repo, 2)
    (repo.path / "hook.py").write_text("def on_page_content(html, page, config, files):\n    return html\n", "utf-8")
    config = repo.path / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "\nhooks:\n  - hook.py\n", "utf-8")
    out = tmp_path / "out"
    _build(repo, out, tmp_path / "first")
    again = _build(repo, out, tmp_path / "again")
    assert re.search(r"generated pages are rendered every time: plugins hook\S* could change them", again), again
    assert [m.group(2) for m in COUNTS.finditer(again)] == ["0", "0"], again
    _same(tmp_path / "again", tmp_path / "first")


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
    written, rendered, _ = _counts(_build(repo, out, tmp_path / "warm"))
    assert written == 0 and rendered > 0
    assert _stored(repo) == before
