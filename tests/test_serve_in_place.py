"""`mkdocs serve` rebuilds in place (maklumat/mkdocs/servesession.py): after a save that
only changes notices' texts, the site directory is not cleaned and unchanged generated pages
are neither keyed again nor copied; what the server then holds is, file for file, what a
full clean rebuild of the same state holds. Anything else rebuilds as always."""
from __future__ import annotations

import logging
import os
import re
from pathlib import Path

import mkdocs.utils
import pytest
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.structure.pages import Page

from maklumat.mkdocs.servesession import ServeSession
from sitebuild import EPOCH, notice, site_repo

pytestmark = pytest.mark.slow   # MkDocs builds: `pytest -m "not slow"` leaves these out

URL = "http://127.0.0.1:8000/"
IN_PLACE = re.compile(r"(\w+): \d+ pages written from the cache \((\d+) already in place\)")
SAID = "Only notices' texts changed"


class Serve:
    """What `mkdocs serve` does on every save, in this process: a new config, the same plugin
    instance (MkDocs keeps plugins that have `on_startup`), `build()` into the same directory."""

    def __init__(self, root: Path, site: Path):
        self.root, self.site = root, site
        config = self._config()
        config.plugins.on_startup(command="serve", dirty=False)
        self.plugin = config.plugins["maklumat"]
        self.build(config)

    def _config(self):
        config = load_config(str(self.root / "mkdocs.yml"), site_dir=str(self.site))
        config.site_url = URL
        return config

    def build(self, config=None) -> str:
        lines: list[str] = []
        handler = logging.Handler(logging.INFO)
        handler.emit = lambda record: lines.append(record.getMessage())
        logger = logging.getLogger("mkdocs")
        level = logger.level
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        try:
            mkdocs_build.build(config or self._config(), serve_url=URL)
        finally:
            logger.removeHandler(handler)
            logger.setLevel(level)
        return "\n".join(lines)

    def full(self) -> str:
        """A rebuild with nothing kept from the ones before (as the server's first build):
        cleaned, every key made, the feeds made again."""
        self.plugin.session = ServeSession()
        return self.build()


@pytest.fixture
def serve(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    repo = site_repo(tmp_path)
    for lang, other in (("id", "Kebijakan Kuki"), ("en", "Cookie Notice")):   # a second notice: its pages stay put
        repo.write(f"docs/{lang}/cookies.md", f"---\neffective: 2025-01-10\n---\n\n# {other}\n\n## Data\n\nKuki 1.\n\n"
                   # a link to a page only a draft has: it resolves once the draft's redline page is there
                   "[Rancangan](privacy/versions/draft/changes.md)\n")
    repo.commit("Terbitkan kuki", "2025-01-04T10:00:00+07:00")
    for i in (2, 3):
        for lang in ("id", "en"):
            repo.write(f"docs/{lang}/privacy.md", notice(lang).replace("telepon", f"telepon {i}").replace("phone", f"phone {i}"))
        repo.commit(f"Perubahan {i}", f"2025-0{i}-03T10:00:00+07:00")
    monkeypatch.chdir(repo.path)
    server = Serve(repo.path, tmp_path / "served")
    yield repo, server
    server.plugin.on_startup(command="build", dirty=False)   # (the instance outlives the test)


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _in_place(log: str) -> int:
    found = IN_PLACE.findall(log)
    assert len(found) == 2, log   # one line per language
    return sum(int(n) for _, n in found)


def _as_full_rebuild(server: Serve) -> None:
    """The served files equal those of a full rebuild of the same state."""
    served = _files(server.site)
    full = server.full()
    assert SAID not in full and _in_place(full) == 0
    again = _files(server.site)
    assert served.keys() == again.keys(), sorted(served.keys() ^ again.keys())
    differing = [name for name in served if served[name] != again[name]]
    assert not differing, differing[:20]


def _pages_made(monkeypatch) -> list[str]:
    """The src_uri of every Page MkDocs makes from now on."""
    made, init = [], Page.__init__

    def counted(page, title, file, config):
        made.append(file.src_uri)
        init(page, title, file, config)
    monkeypatch.setattr(Page, "__init__", counted)
    return made


def _save(repo, lang: str, old: str, new: str) -> None:
    path = repo.path / "docs" / lang / "privacy.md"
    path.write_text(path.read_text("utf-8").replace(old, new), "utf-8")


def test_saves_of_a_notice_rebuild_in_place_as_a_full_rebuild_would(serve, monkeypatch):
    repo, server = serve
    page = server.site / "privacy" / "index.html"
    draft = server.site / "privacy" / "versions" / "draft" / "changes" / "index.html"
    assert not draft.exists()

    # The first save: the notice gets a draft redline page; nothing goes, so nothing is cleaned.
    _save(repo, "id", "Kami memproses", "Kami menyimpan dan memproses")
    log = server.build()
    assert SAID in log and _in_place(log) > 0, log
    assert "menyimpan" in page.read_text("utf-8") and draft.is_file()
    archived = next((server.site / "cookies" / "versions").glob("*/index.html")).read_text("utf-8")
    assert 'href="../../../privacy/versions/draft/changes/"' in archived   # (its page kept no stale link)
    _as_full_rebuild(server)

    # Saves after it: the other notice's pages and the archived versions stay where they are;
    # the other notice's generated pages never even become MkDocs Pages (fastpath.take_out_early).
    for old, word in (("menyimpan dan", "mengolah"), ("mengolah", "menghapus")):
        _save(repo, "id", old, word if old == "mengolah" else f"menyimpan, {word} dan")
        with monkeypatch.context() as patch:
            made = _pages_made(patch)
            log = server.build()
        assert SAID in log and _in_place(log) > 0, log
        assert "id/privacy.md" in made and not [src for src in made if "cookies/versions/" in src], made
        assert word in page.read_text("utf-8") and word in draft.read_text("utf-8")
        _as_full_rebuild(server)

    # A parity problem in the English draft: the panels of both languages' pages show it.
    _save(repo, "en", "We process", "We process 42 kinds of")
    log = server.build()
    assert SAID in log, log
    assert "42" in (server.site / "privacy" / "index.html").read_text("utf-8")
    _as_full_rebuild(server)

    # A new title is in every page's navigation: the pages in place are rendered again.
    _save(repo, "id", "# Kebijakan Privasi", "# Kebijakan Privasi Seruni")
    log = server.build()
    assert SAID in log and "rendered again" in log, log
    _as_full_rebuild(server)

    # The drafts undone: their redline pages go, which only a cleaned directory shows.
    repo.git("checkout", "--", "docs")
    log = server.build()
    assert SAID not in log and not draft.exists(), log
    _as_full_rebuild(server)


@pytest.mark.parametrize("change", ["commit", "new file", "config", "template"])
def test_anything_but_a_text_rebuilds_as_always(serve, change):
    repo, server = serve
    _save(repo, "id", "Kami memproses", "Kami menyimpan")
    assert SAID in server.build()   # (in place before the change)
    if change == "commit":
        repo.commit("Perubahan 4", "2025-04-03T10:00:00+07:00")
    elif change == "new file":
        (repo.path / "docs" / "id" / "syarat.md").write_text("# Syarat\n\nBelum terbit.\n", "utf-8")
    elif change == "config":
        config = repo.path / "mkdocs.yml"
        config.write_text(config.read_text("utf-8").replace("icon: material/weather-night",
                                                            "icon: material/brightness-4"), "utf-8")
    else:
        partial = repo.path / "overrides" / "partials" / "copyright.html"
        partial.parent.mkdir(parents=True)
        partial.write_text('<div class="md-copyright">PT Seruni Data Nusantara</div>\n', "utf-8")
        config = repo.path / "mkdocs.yml"
        config.write_text(config.read_text("utf-8").replace("  name: material\n",
                                                            "  name: material\n  custom_dir: overrides\n"), "utf-8")
        assert SAID not in server.build()   # the config changed: not in place; then the template alone:
        partial.write_text('<div class="md-copyright">PT Seruni</div>\n', "utf-8")
    log = server.build()
    assert SAID not in log and _in_place(log) == 0, log
    _as_full_rebuild(server)


def test_a_failed_build_leaves_nothing_to_build_on(serve, monkeypatch):
    repo, server = serve
    _save(repo, "id", "Kami memproses", "Kami menyimpan")
    assert SAID in server.build()
    path = repo.path / "docs" / "id" / "privacy.md"
    good = path.read_text("utf-8")
    path.write_text("---\neffective: [\n---\n# Rusak\n", "utf-8")   # front matter no one can read
    with pytest.raises(Exception):
        server.build()
    path.write_text(good.replace("menyimpan", "menyimpan lagi"), "utf-8")
    # static-i18n leaves MkDocs' clean_directory a no-op when a further language's build fails
    monkeypatch.setattr(mkdocs.utils, "clean_directory", lambda directory: None)
    (server.site / "stale.html").write_text("from a build before", "utf-8")
    log = server.build()
    assert SAID not in log and _in_place(log) == 0, log
    assert "menyimpan lagi" in (server.site / "privacy" / "index.html").read_text("utf-8")
    assert not (server.site / "stale.html").exists()   # cleaned all the same


def test_serve_looks_at_the_notices_every_tenth_of_a_second(serve, tmp_path):
    """MkDocs polls what it watches every 0.5 s; the notices' folder and mkdocs.yml are
    polled every 0.1 s, a large folder (a theme's) keeps MkDocs' pace."""
    from mkdocs.livereload import LiveReloadServer

    repo, server = serve
    theme = tmp_path / "theme"
    theme.mkdir()
    live = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(server.site))
    try:
        for path in (repo.path / "docs", repo.path / "mkdocs.yml", theme):
            live.watch(str(path))
        config = server._config()
        assert config.plugins.on_serve(live, config=config, builder=lambda: None) is live
        timeouts = {os.path.basename(e.watch.path): e.timeout for e in live.observer.emitters}
        assert timeouts == {"docs": 0.1, repo.path.name: 0.1, "theme": 0.5}   # (mkdocs.yml: its folder)
    finally:
        live.server_close()


def test_serve_collects_garbage_less_often_and_build_as_python_does(serve):
    """servesession.collect_less: in `mkdocs serve` the collector's full passes over the
    long-lived objects are rare; any other command runs with the process's own thresholds."""
    import gc

    from maklumat.mkdocs import servesession

    _, server = serve
    assert gc.get_threshold() == servesession.SERVE_GC
    server.plugin.on_startup(command="build", dirty=False)
    assert gc.get_threshold() == servesession._GC != servesession.SERVE_GC
