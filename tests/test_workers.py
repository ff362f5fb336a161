"""The process pool for a cold build's per-version work (maklumat/workers.py): the same
bytes with and without it, and the caches it fills hit by the next build."""
from __future__ import annotations

import os
import re
import shutil
import threading

import pytest
from sitebuild import EPOCH, adopt, build

from gitrepo import GitRepo
from maklumat import workers
from maklumat.history import gitlog, notices
from maklumat.mkdocs import pagepool
from maklumat.redline import cache as redline_cache

SECTIONS = ("Data", "Retention", "Sharing")


def _text(lang: str, i: int, extra: str = "") -> str:
    words = {"id": ("Kebijakan Privasi", "Kami menyimpan data selama"), "en": ("Privacy Notice", "We keep data for")}
    title, sentence = words[lang]
    body = "".join(f"## {s} {{#{s.lower()}}}\n\n{sentence} {i * 10 + k} hari.{extra}\n\n" for k, s in enumerate(SECTIONS))
    return f"---\neffective: 2025-0{1 + i // 4}-{10 + i % 4}\n---\n\n# {title}\n\n{body}"


def _site(tmp_path) -> GitRepo:
    """Two notices in two languages, eight versions each, an editorial fix, a rename
    and a commit no reader sees (re-wrapping only)."""
    repo = GitRepo.init(tmp_path / "site")
    adopt(repo.path)
    for i in range(8):
        for lang in ("id", "en"):
            if i == 5:
                repo.rename(f"docs/{lang}/cookies.md", f"docs/{lang}/tracking.md")
            repo.write(f"docs/{lang}/privacy.md", _text(lang, i))
            repo.write(f"docs/{lang}/{'cookies' if i < 5 else 'tracking'}.md", _text(lang, i, " Cookie."))
        trailers = ("Notice-Change: editorial",) if i == 3 else ()
        repo.commit(f"Version {i}", f"2025-01-0{1 + i}T10:00:00+07:00", trailers=trailers)
    for lang in ("id", "en"):   # invisible: a trailing space and a blank line
        repo.write(f"docs/{lang}/privacy.md", _text(lang, 7).replace("# ", "#  ", 1) + "\n")
    repo.commit("Tidy whitespace", "2025-01-09T10:00:00+07:00")
    return repo


def _files(root) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def pool(monkeypatch):
    """The pool used for any batch, even under pytest-xdist's threads; counts its uses."""
    used = []

    class Counting(workers.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            used.append(kwargs.get("max_workers"))
            super().__init__(*args, **kwargs)
    monkeypatch.setattr(workers, "MIN_BATCH", 1)
    monkeypatch.setattr(workers, "_threads", lambda: 1)
    monkeypatch.setattr(workers, "ProcessPoolExecutor", Counting)
    return used


@pytest.mark.slow   # a MkDocs build
def test_pool_and_no_pool_build_the_same_bytes(tmp_path, pool):
    repo = _site(tmp_path)
    cache = repo.path / ".cache" / "maklumat"
    one = build(repo.path, out=tmp_path / "one", env={"MAKLUMAT_WORKERS": "1"})
    assert one.code == 0, one.output
    assert pool == []
    serial_cache = _entries(cache)
    for entry in sorted(cache.iterdir()):   # cold again
        entry.rename(tmp_path / f"serial-{entry.name}")
    two = build(repo.path, out=tmp_path / "two", env={"MAKLUMAT_WORKERS": "2"})
    assert two.code == 0, two.output
    assert pool == [2] * 6, "blob facts, redlines, and each language's page keys and pages: six pools"
    assert _pooled(one.output) == [0, 0]
    assert _pooled(two.output) == _rendered(two.output) and min(_pooled(two.output)) > 10, two.output
    assert _files(tmp_path / "two") == _files(tmp_path / "one")
    assert _entries(cache) == serial_cache     # blob facts, redlines, pages, their Markdown: the same entries
    assert any(name.startswith("redlines-") for name in serial_cache)
    assert any(name.startswith("pages/") for name in serial_cache)


def _entries(cache) -> dict[str, bytes]:
    """The cache's entries, but the list of the pages in a site directory (inplace.py),
    named after the site directory and holding its files' times."""
    return {name: data for name, data in _files(cache).items() if not name.startswith("site-")}


def _pooled(output: str) -> list[int]:
    """Per language: the generated pages the pool rendered (pagepool.py)."""
    return [int(n) for n in re.findall(r"(\d+) in a process pool\)", output)]


def _rendered(output: str) -> list[int]:
    return [int(n) for n in re.findall(r"(\d+) generated pages rendered", output)]


def _warnings(output: str) -> list[str]:
    return sorted(line for line in output.splitlines() if line.startswith("WARNING"))


@pytest.mark.slow   # a MkDocs build
def test_what_a_page_rendered_in_the_pool_logs_is_reported_as_in_one_process(tmp_path, pool):
    """An archived version links to a file that is not there (a warning of its render, in
    a worker, which prints nothing: the parent replays it) and to an anchor that is not
    there (validated in the parent after the page loop): `--strict` fails as it does
    without the pool, with the same warnings."""
    repo = _site(tmp_path)
    for lang in ("id", "en"):
        repo.write(f"docs/{lang}/privacy.md", _text(lang, 8) + "\nSee [gone](#nowhere) and [the map](map.txt).\n")
    repo.commit("Tautan", "2025-01-10T10:00:00+07:00")
    for lang in ("id", "en"):
        repo.write(f"docs/{lang}/privacy.md", _text(lang, 9))
    repo.commit("Tanpa tautan", "2025-01-11T10:00:00+07:00")
    one = build(repo.path, out=tmp_path / "one", env={"MAKLUMAT_WORKERS": "1"})
    assert one.code == 1, one.output
    assert {"nowhere", "map.txt"} <= {word for w in _warnings(one.output) for word in ("nowhere", "map.txt") if word in w}
    shutil.rmtree(repo.path / ".cache")
    two = build(repo.path, out=tmp_path / "two", env={"MAKLUMAT_WORKERS": "2"})
    assert min(_pooled(two.output)) > 10, two.output
    assert two.code == 1
    assert _warnings(two.output) == _warnings(one.output)
    assert [line for line in two.output.splitlines() if "Aborted" in line] == \
        [line for line in one.output.splitlines() if "Aborted" in line]


@pytest.mark.slow   # a MkDocs build
def test_a_page_the_pool_could_not_render_is_rendered_in_the_build(tmp_path, pool, monkeypatch):
    """One page fails in its worker, then every worker breaks: those pages go back into
    MkDocs' page loop, and the site is the same bytes."""
    repo = _site(tmp_path)
    one = build(repo.path, out=tmp_path / "one", env={"MAKLUMAT_WORKERS": "1"})
    assert one.code == 0, one.output
    parent, real = os.getpid(), pagepool._build_page

    def fails_in_a_worker(page, *args, **kwargs):
        if os.getpid() != parent and page.file.src_uri.endswith("privacy/versions/index.md"):
            raise RuntimeError("a worker's error")
        return real(page, *args, **kwargs)
    monkeypatch.setattr(pagepool, "_build_page", fails_in_a_worker)
    shutil.rmtree(repo.path / ".cache")
    two = build(repo.path, out=tmp_path / "two", env={"MAKLUMAT_WORKERS": "2"})
    assert two.code == 0, two.output
    assert [r - p for r, p in zip(_rendered(two.output), _pooled(two.output))] == [1, 1], two.output
    markdown = [int(a) + int(b) for a, b in re.findall(r"Markdown of (\d+) from the cache, (\d+) rendered", two.output)]
    assert markdown == _rendered(two.output), "each page's Markdown step counted once"
    assert _files(tmp_path / "two") == _files(tmp_path / "one")

    class Broken(workers.ProcessPoolExecutor):
        def map(self, *args, **kwargs):
            raise workers.BrokenProcessPool("a worker was killed")
    monkeypatch.setattr(workers, "ProcessPoolExecutor", Broken)
    shutil.rmtree(repo.path / ".cache")
    three = build(repo.path, out=tmp_path / "three", env={"MAKLUMAT_WORKERS": "2"})
    assert three.code == 0, three.output
    assert _pooled(three.output) == [0, 0] and min(_rendered(three.output)) > 10, three.output
    assert _files(tmp_path / "three") == _files(tmp_path / "one")


def _prepare(root, monkeypatch):
    from maklumat.mkdocs.config import load_settings
    from maklumat.publish import site
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)   # (not left set for the worker's next tests)
    b = site.prepare(load_settings(root / "mkdocs.yml"), config_dir=root, include_drafts=False)
    for n in b.history.notices.values():   # what the "what changed" pages and the feeds ask
        for f in n.files.values():
            for v in f.versions[1:]:
                b.redline(f, v)
    return b


def test_a_second_prepare_computes_nothing_again(tmp_path, monkeypatch):
    monkeypatch.setenv("MAKLUMAT_WORKERS", "1")
    repo = _site(tmp_path)
    facts, redlines, logs = [], [], []
    real_facts, real_data, real_log = notices._facts_raw, redline_cache._data, notices.first_parent_commits
    monkeypatch.setattr(notices, "_facts_raw", lambda raw, path: facts.append(path) or real_facts(raw, path))
    monkeypatch.setattr(redline_cache, "_data", lambda *a: redlines.append(a[0]) or real_data(*a))
    monkeypatch.setattr(notices, "first_parent_commits", lambda *a: logs.append(1) or real_log(*a))
    first = _prepare(repo.path, monkeypatch)
    pairs = sum(len(f.versions) - 1 for n in first.history.notices.values() for f in n.files.values())
    assert len(facts) >= 4 * 8 and len(redlines) == pairs > 0 and logs == [1]
    facts.clear(), redlines.clear()
    again = _prepare(repo.path, monkeypatch)
    assert facts == [] and redlines == [], "every blob's facts and every redline come from the cache"
    assert logs == [1, 1], "one git log pass per build"
    assert [v.id for n in again.history.notices.values() for f in n.files.values() for v in f.versions] == \
        [v.id for n in first.history.notices.values() for f in n.files.values() for v in f.versions]


def test_read_many_reads_what_read_reads(tmp_path):
    repo = _site(tmp_path)
    git_repo = gitlog.open_repo(repo.path)
    blobs = [c.blob for commit in gitlog.first_parent_commits(git_repo) for c in commit.changes if c.status != "D"]
    one_by_one = {b: gitlog.BlobReader(git_repo).read(b) for b in blobs}
    assert gitlog.BlobReader(git_repo).read_many(blobs) == one_by_one
    assert len(set(one_by_one.values())) > 10


def test_how_many_processes(monkeypatch):
    monkeypatch.setattr(workers, "_threads", lambda: 1)
    monkeypatch.setenv("MAKLUMAT_WORKERS", "1")
    assert workers.processes(10_000) == 1
    monkeypatch.setenv("MAKLUMAT_WORKERS", "3")
    assert workers.processes(10_000) == 3
    assert workers.processes(workers.MIN_BATCH - 1) == 1, "a rebuild's few misses stay in-process"
    monkeypatch.setenv("MAKLUMAT_WORKERS", "many")
    assert workers.processes(10_000) == 1
    monkeypatch.setenv("MAKLUMAT_WORKERS", "3")
    monkeypatch.setattr(workers, "_threads", threading.active_count)
    stop = threading.Event()
    beside = threading.Thread(target=stop.wait)   # like `mkdocs serve`'s server thread
    beside.start()
    try:
        assert workers.processes(10_000) == 1, "never fork beside other threads"
    finally:
        stop.set()
        beside.join()


def test_map_groups_keeps_shape_and_order(pool):
    groups = [[1, 2, 3], [], [4], [5, 6]]
    assert workers.map_groups(str, groups) == [["1", "2", "3"], ["4"], ["5", "6"]]
    assert pool == [2] or pool == [workers.count()]


def _fails_in_a_worker(parent: int):
    def fn(item: int) -> int:
        if item == 3 and os.getpid() != parent:
            raise ValueError("in a worker")
        if item == 5:
            raise ValueError("anywhere")
        return item * item
    return fn


def test_each_does_again_here_what_a_worker_failed_on(pool):
    """pagepool.each (the page keys): results in order; an item a worker failed on is
    done again in this process, so an error an editor must see is raised here, as
    without the pool."""
    fn = _fails_in_a_worker(os.getpid())
    assert pagepool.each(fn, [1, 2, 3, 4]) == [1, 4, 9, 16]
    assert pool == [2] or pool == [workers.count()]
    with pytest.raises(ValueError, match="anywhere"):
        pagepool.each(fn, [1, 5, 2])
    assert pagepool.each(fn, [1, 2, 3], allowed=False) == [1, 4, 9]
    assert len(pool) == 2, "not allowed (mkdocs serve): no pool"


def test_a_broken_pool_falls_back_to_one_process(pool, monkeypatch):
    class Broken(workers.ProcessPoolExecutor):
        def submit(self, *args, **kwargs):
            raise workers.BrokenProcessPool("a worker was killed")
    monkeypatch.setattr(workers, "ProcessPoolExecutor", Broken)
    assert workers.map_groups(str, [[1, 2], [3]]) == [["1", "2"], ["3"]]
