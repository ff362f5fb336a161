"""What one `mkdocs serve` keeps between rebuilds: the site written in place, and what made each generated page.

MkDocs 1.6 (pinned; 1.x is frozen) runs a full `build()` on every save, into the same
temporary directory, which it cleans first; static-i18n builds the other languages from its
`on_post_build`. The plugin instance lives as long as the server (it has `on_startup`). A save
that only changes notices' texts (an editor's draft) leaves almost everything as the last
build left it: the same files and pages, history, config, theme and date. Then (`begin`) the
directory is not cleaned, and a generated page whose Markdown and whose notices' texts are
those of the last build keeps the key it had, its inputs not computed again (fastpath.py;
when pages were added, as a notice's first draft adds its draft redline, only if the files
its links could name are the same, looked at again only where its text holds a name that
now names other files: `renamed`); when that key is the one of the bytes already in the
directory, they are not copied either. Pages that go (a draft undone) need a cleaned directory.
Anything else (a file added, removed or renamed, a commit, mkdocs.yml, a template, another
day, a build that failed) makes a rebuild like any other. Feeds only read git: they are kept
for as long as history is the same (and, as in any process, the theme's files are found
and its templates compiled once: themefiles.py). And a save is noticed within 0.1 s, not 0.5 s.
"""
from __future__ import annotations

import gc
import os
from dataclasses import dataclass
from pathlib import Path

import mkdocs.utils

from maklumat.mkdocs import themefiles


@dataclass(frozen=True)
class Written:
    """A generated page as the last build left it in the site directory."""

    partial: str      # its key without the nav (fastpath.py)
    key: str          # the key of the bytes in the site directory
    entry: dict       # what it gives the rest of the build (anchors, links, log lines)
    body: str         # the stored bytes (copied if the file has gone)
    markdown: str
    texts: str        # digest of its notices' texts as this build read them
    links: str        # digest of the files its links could name
    named: list | None = None   # those files (rendercache.links)
    paths: tuple = ()  # its File's dest_uri, url, abs_dest_path (the same site directory and config)


class ServeSession:
    def __init__(self):
        self.last: dict | None = None     # the last complete build: its state and pages
        self.state: dict | None = None    # this build's state (begin)
        self.in_place = self.same_pages = False
        self.pages: dict[str, dict[str, Written]] = {}   # this build's, per language
        # SiteBuild.write_outputs' memos: feeds and notices.json; each notice's part of notices.json
        self.outputs: tuple[dict, dict] = ({}, {})

    def begin(self, build, docs_dir: str, site_dir: str, base: str | None, config: str | None) -> bool:
        """First language's `on_pre_build`: whether this build writes over the last one in place."""
        planned = {lang: [(j.kind, j.source, j.path) for j in build.jobs(lang)] for lang in build.settings.languages}
        self.state = {"site_dir": os.path.realpath(site_dir), "head": build.history.head, "base": base,
                      "date": build.settings.build_date, "settings": repr(build.settings),
                      "docs": _listing(docs_dir), "planned": planned, "config": config}
        self.pages = {}
        last, self.last = self.last, None   # until this build completes, nothing is in place
        if None in (base, config, last):
            self.in_place = self.same_pages = False
            return False
        before = last["state"]
        self.same_pages = before == self.state
        # Pages only added (a notice's first draft adds its draft redline): nothing stale is left.
        self.in_place = self.same_pages or (
            {k: v for k, v in before.items() if k != "planned"} == {k: v for k, v in self.state.items() if k != "planned"}
            and all(set(before["planned"][lang]) <= set(pages) for lang, pages in planned.items()))
        if self.in_place:
            self.last = last   # read by `written` and `reused` during this build
            _skip_next_clean()
        return self.in_place

    def written(self, lang: str, src: str) -> Written | None:
        """The page as the last build left it in the site directory (in place only)."""
        return self.last["pages"].get(lang, {}).get(src) if self.in_place else None

    def reused(self, lang: str, src: str, head: str, markdown: str, texts: str) -> Written | None:
        """The page as the last build wrote it, if nothing it is made of has changed (but
        the files its links could name, which the caller compares when pages were added)."""
        written = self.written(lang, src)
        if written is None or self.last["heads"].get(lang) != head:
            return None
        return written if written.markdown == markdown and written.texts == texts else None

    def language_done(self, lang: str, head: str | None, pages: dict[str, Written], names: dict | None) -> None:
        self.pages[lang] = pages
        self.state.setdefault("heads", {})[lang] = head
        self.state.setdefault("names", {})[lang] = names

    def renamed(self, lang: str, names: dict) -> set[str] | None:
        """The names a link could use whose files differ from the last build's (pages were
        added: rendercache.names); None when they are not known."""
        before = self.last.get("names", {}).get(lang)
        return None if before is None else {n for n in before.keys() | names.keys() if before.get(n) != names.get(n)}

    def complete(self) -> None:
        """The whole build (every language) went through: the next one may build on it."""
        if self.state is not None:
            self.last = {"state": {k: v for k, v in self.state.items() if k not in ("heads", "names")},
                         "heads": self.state.get("heads", {}), "names": self.state.get("names", {}),
                         "pages": self.pages}
        self.state, self.pages, self.in_place, self.same_pages = None, {}, False, False

    def failed(self) -> None:
        self.last, self.state, self.pages, self.in_place, self.same_pages = None, None, {}, False, False


def _listing(docs_dir: str) -> list[tuple[str, bool]]:
    """Every file under docs_dir (and whether it is a symlink): added, removed, renamed."""
    out = []
    for folder, dirs, names in os.walk(docs_dir):
        dirs.sort()
        for name in sorted(names):
            path = Path(folder, name)
            out.append((path.relative_to(docs_dir).as_posix(), path.is_symlink()))
    return out


def start(serve: bool) -> ServeSession | None:
    """`on_startup`: the process set up for the command (garbage collection; the theme's
    files found once, for any command: themefiles.py); a session for `mkdocs serve`."""
    collect_less(serve)
    themefiles.install()
    return ServeSession() if serve else None


_GC = gc.get_threshold()     # the process's own thresholds (Python's defaults: 700, 10, 10)
SERVE_GC = (50_000, 20, 20)


def collect_less(serve: bool) -> None:
    """`mkdocs serve` is one process for many builds, holding long-lived objects (history,
    templates, the last build's pages: 150,000 at 20 x 100): the collector's full passes
    over them cost 0.27 s a save there, two a rebuild. Collecting young objects every
    50,000 allocations instead of 700 leaves a full pass every few saves; garbage cycles
    still go, a little later. Another command puts the thresholds back."""
    gc.set_threshold(*(SERVE_GC if serve else _GC))


POLL = 0.1   # seconds between looks at the notices (poll_notices_often)
_CLEAN = mkdocs.utils.clean_directory   # MkDocs' own (this module is imported before any build)


def restore_clean() -> None:
    """static-i18n swaps `clean_directory` for a no-op while it builds the further languages
    and puts it back only if they succeed: after a failed build every later one in the same
    process (a `mkdocs serve` session) would leave stale files. The first language's
    `on_pre_build` puts MkDocs' own back."""
    mkdocs.utils.clean_directory = _CLEAN


def _skip_next_clean() -> None:
    """`build()` cleans the site directory right after `on_pre_build`; this once, it does not."""
    def once(directory):
        mkdocs.utils.clean_directory = _CLEAN

    mkdocs.utils.clean_directory = once


def poll_notices_often(server, config) -> None:
    """MkDocs polls what it watches every 0.5 s (watchdog's PollingObserver, 7.x pinned):
    a save waited up to that long before its rebuild began. The notices' folder and
    mkdocs.yml are a few dozen files: they are polled every 0.1 s (a theme folder, when
    watched, keeps 0.5 s: thousands of files)."""
    docs = Path(config.docs_dir).resolve()
    beside = Path(config.config_file_path).resolve().parent if config.config_file_path else None
    for emitter in list(getattr(server.observer, "emitters", ())):
        watched, recursive = Path(emitter.watch.path).resolve(), emitter.watch.is_recursive
        # (a watched file is its folder, not recursive: mkdocs.yml's is the folder beside it)
        if (watched == docs or docs in watched.parents or (watched == beside and not recursive)) \
                and hasattr(emitter, "_timeout"):
            emitter._timeout = min(emitter._timeout, POLL)
