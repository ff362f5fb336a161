"""Rendered Markdown kept between builds: MkDocs' Markdown step skipped on a hit.

Used by the generated pages that go through the page loop (fastpath.py's misses: after a
theme or config change every page is rendered again, but its Markdown rarely changes), and
by the editors' pages, which go through it every build (in `mkdocs serve`, every save: all
but the edited notice's are unchanged).

MkDocs renders each page's Markdown in `Page.render` (between `on_page_markdown` and
`on_page_content`): the HTML, the table of contents, the title from the first heading,
the anchors the page holds and the links to anchors elsewhere, plus any log line about
a link. Its inputs: the final Markdown and front matter, the page's file and URL, the
config (extensions and their options, validation levels, URL style) and, for relative
links, which files exist at the linked paths. The key is the digest of all of them; the
files part holds every file whose name (or name without `.md`, or folder for an index
page) appears as a word of the Markdown, so a link target that appears, disappears or
moves changes the key. On a hit the last `on_page_markdown` handler replaces the page's
`render` (MkDocs' next call) with a no-op, and the first `on_page_content` handler puts the stored results back
and replays the stored log lines (so `--strict` counts them as a cold build does).
"""
from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import re
from pathlib import Path
from urllib.parse import unquote

from mkdocs.structure.toc import get_toc

from maklumat.mkdocs import pagecache

FORMAT = "1"
_WORDS = re.compile(r"[^\s()<>\[\]\"'`/#?=|!*]+")


class RenderCache:
    def __init__(self, pages: pagecache.PageCache):
        self.pages, self.dir = pages, pages.dir.parent / "rendered"
        self.hits = self.misses = 0                # generated pages
        self.editors_hits = self.editors_misses = 0   # the editors' pages
        self._index: tuple[int, dict[str, list]] | None = None
        self.used: set[str] = set()
        self.keys: dict[str, str] = {}   # src_uri -> key of this build (kept with the finished page)
        self._pending: dict[int, tuple[str, pagecache.Capture | None, dict | None, bool]] = {}

    def markdown(self, markdown: str, page, config, files, generated: bool = True) -> str:
        """Last on_page_markdown handler: on a hit, MkDocs renders an empty text."""
        h = hashlib.sha256(f"rendered {FORMAT}\n{self.pages.base}\n".encode())
        h.update(self.pages.config_digest(config).encode())
        level = logging.getLogger("mkdocs").getEffectiveLevel()
        try:
            pagecache.feed(h, (markdown, page.meta, page.file.src_uri, page.file.dest_uri, page.file.url,
                               page.url, level, self.links(markdown, files)))
        except pagecache.Unstable:
            return markdown
        key = h.hexdigest()
        self.used.add(key)
        self.keys[page.file.src_uri] = key
        try:
            stored = json.loads(self._path(key).read_text("utf-8"))
        except (OSError, ValueError):
            stored = None
        capture = None
        if stored is None:
            capture = pagecache.Capture()
            logging.getLogger("mkdocs").addHandler(capture)
        else:   # MkDocs calls page.render next: this page's is a no-op, content() fills it in
            page.render = functools.partial(_no_render, page)
        self._pending[id(page)] = (key, capture, stored, generated)
        return markdown

    def content(self, html: str, page, files) -> str:
        """First on_page_content handler: a hit's results put back, a miss's kept."""
        key, capture, stored, generated = self._pending.pop(id(page), (None, None, None, True))
        if key is None:
            return html
        if stored is None:
            logging.getLogger("mkdocs").removeHandler(capture)
            links = page.links_to_anchors
            entry = {"html": html, "toc": [_token(a) for a in page.toc], "title": page._title_from_render,
                     "anchors": sorted(page.present_anchor_ids or ()), "log": capture.records,
                     "links": None if links is None else {f.src_uri: v for f, v in links.items()}}
            path = self._path(key)
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            tmp.write_text(json.dumps(entry, ensure_ascii=False), "utf-8")
            os.replace(tmp, path)
            self.misses += generated
            self.editors_misses += not generated
            return html
        for name, level, message in stored["log"]:
            logging.getLogger(name).log(level, message)
        del page.render
        page.toc = get_toc(stored["toc"])
        page._title_from_render = stored["title"]
        page.present_anchor_ids = set(stored["anchors"])
        if stored["links"] is not None:   # the linked files are in the key: still there
            page.links_to_anchors = {files.get_file_from_path(src): v for src, v in stored["links"].items()}
        self.hits += generated
        self.editors_hits += not generated
        return stored["html"]

    def links(self, markdown: str, files) -> list:
        """Every file a relative link in `markdown` could name, as MkDocs would see it: the
        files under the names (`names`) that are words of it."""
        index = self.names(files)
        words = set(_WORDS.findall(markdown))
        words |= {unquote(w) for w in words if "%" in w}   # MkDocs reads link targets unquoted
        return sorted(entry for w in words for entry in index.get(w, ()))

    def names(self, files) -> dict[str, list]:
        """Each name a link could give a file (its name, without .md, its folder's for an
        index page), and the files it names."""
        if self._index is None or self._index[0] != id(files):
            index: dict[str, list] = {}
            for f in files:
                name = f.src_uri.rsplit("/", 1)[-1]
                names = {name, name[:-3] if name.endswith(".md") else name}
                if name in ("index.md", "README.md") and "/" in f.src_uri:
                    names.add(f.src_uri.rsplit("/", 2)[-2])
                for n in names:
                    index.setdefault(n, []).append((f.src_uri, f.dest_uri, f.url, str(f.inclusion)))
            self._index = (id(files), index)
        return self._index[1]

    def _path(self, key: str) -> Path:
        return self.dir / key[:2] / key


def _no_render(page, config, files) -> None:
    """Page.render of a page whose results come from the cache (content() fills it in)."""
    page.content = ""


def _token(anchor) -> dict:
    return {"name": anchor.title, "id": anchor.id, "level": anchor.level,
            "children": [_token(c) for c in anchor.children]}


def could_name(markdown: str, names: set[str] | None) -> bool:
    """Whether a link in `markdown` could use one of `names` (None: any name). Every word
    `links` looks up is a piece of the text, unless it was unquoted (a '%')."""
    return names is None or "%" in markdown or any(name in markdown for name in names)
