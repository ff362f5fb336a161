"""Finished pages kept between builds: a generated page whose every input is unchanged is not rendered again.

MkDocs renders a page's Markdown (`_populate_page`), then its template (`_build_page`:
context, `on_page_context`, Jinja, `on_post_page`, write). The Jinja render is most of a
page's cost (Material renders the whole nav into every page). The Markdown still runs for
every page, so search, the sitemap, link and anchor validation see every page as before;
only the Jinja render of generated pages (archived versions, "what changed" pages, ...) is
skipped on a hit.

How: generated pages are rendered through `maklumat-page.html`, which includes the page's
own template, or, when the context says so, writes the stored render. In the last
`on_page_context` handler (after every plugin has shaped the context) the key is the
digest of everything the template can read: the whole context (page with its content,
toc, meta, title, neighbours; nav with titles and active flags; config with the theme
options and every plugin's options; base_url, alternates, the plugin's context, the build
date) plus what is not in it: the template files (outside installed packages), the
versions of every installed distribution (MkDocs, Material, static-i18n, Jinja2, ...),
the code and catalog of this package. A hit needs all of these equal, so a wrong hit is
impossible by construction; anything the digest cannot read stably (an object without a
stable form) makes the page uncacheable, never a wrong hit. The first `on_post_page`
handler stores the raw render under `.cache/maklumat/pages/` by key; later handlers run on
hits and misses alike.
"""
from __future__ import annotations

import datetime
import hashlib
import logging
import os
import re
import sysconfig
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path

from markupsafe import Markup
from mkdocs.plugins import BasePlugin, PluginCollection
from mkdocs.structure.files import File
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

log = logging.getLogger("mkdocs.plugins.maklumat")
TEMPLATE = "maklumat-page.html"     # in maklumat/mkdocs/theme/
ORIGINAL = "maklumat_template"      # context: the page's own template, which TEMPLATE includes
STORED = "maklumat_stored"          # context: the stored render, on a hit
FORMAT = "1"
PACKAGE = Path(__file__).resolve().parent.parent   # maklumat/: code, catalog, theme
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
# Context variables no template of the theme reads (checked in its files; `nav.pages` is
# not `pages`): left out of the key, else every new commit (a new page, a new build date)
# would change every page's key. A template that reads one puts it back into the key.
_OPTIONAL = {name: re.compile(rf"(?<![.\w]){name}\b") for name in ("pages", "build_date_utc")}
_OPTIONAL["site_dir"] = re.compile(r"\bsite_dir\b")   # where the site is written (`-d`, `serve`)
_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)


class Unstable(Exception):
    """A value with no stable written form: the page is rendered and not stored."""


class PageCache:
    def __init__(self, root: Path, theme_dirs: list[str]):
        self.dir = root / "pages"
        self.hits = self.misses = self.unstable = 0
        self._keys: dict[int, str] = {}   # id(page) -> key of a miss, stored by on_post_page
        self.base, self.read = _base_digest(theme_dirs)
        self._config: tuple[tuple, str] | None = None
        self._nav: tuple[tuple, str] | None = None
        self.used: set[str] = set()   # every key this build asked for: what prune() keeps

    def context(self, context, page):
        """Last on_page_context handler: a hit puts the stored render into the context."""
        context[ORIGINAL] = page.meta.get("maklumat_template") or "main.html"
        try:
            h = hashlib.sha256(self.base.encode())
            config = context["config"]
            h.update(self.config_digest(config).encode())
            feed(h, config.extra)
            feed(h, {k: self._nav_digest(v) if k == "nav" else v for k, v in context.items()
                     if k != "config" and (k not in _OPTIONAL or k in self.read)})
        except Unstable as exc:
            self.unstable += 1
            log.debug(f"{page.file.src_uri}: not cached ({exc} has no stable form)")
            return context
        key = h.hexdigest()
        self.used.add(key)
        stored = self._path(key)
        try:
            context[STORED] = Markup(stored.read_text("utf-8"))
            self.hits += 1
        except (OSError, UnicodeDecodeError):
            self._keys[id(page)] = key
            self.misses += 1
        return context

    def config_digest(self, config) -> str:
        """The config but `extra` (which static-i18n and this plugin change per page, and
        which is fed per page) and `site_dir` (unless a template reads it): settled by on_config, so digested once per language build;
        a replaced top-level value is seen and digested again."""
        ident = (id(config), tuple((k, id(v)) for k, v in config.items()))
        if self._config is None or self._config[0] != ident:
            h = hashlib.sha256()
            feed(h, {k: v for k, v in config.items() if k != "extra" and (k not in _OPTIONAL or k in self.read)})
            self._config = (ident, h.hexdigest())
        return self._config[1]

    def _nav_digest(self, nav) -> str:
        """The nav as every page shows it: titles and URLs are settled once every page's
        Markdown is rendered; what changes from page to page is which item is active."""
        ident = (id(nav), tuple(p.active for p in nav.pages))
        if self._nav is None or self._nav[0] != ident:
            h = hashlib.sha256()
            feed(h, nav)
            self._nav = (ident, "nav:" + h.hexdigest())
        return self._nav[1]

    def post_page(self, output: str, page) -> str:
        """First on_post_page handler: keep the raw render of a miss."""
        key = self._keys.pop(id(page), None)
        if key is not None:
            path = self._path(key)
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            tmp.write_text(output, "utf-8")
            os.replace(tmp, path)   # a reader never sees half a page
        return output

    def _path(self, key: str) -> Path:
        return self.dir / key[:2] / key


def prune(store: Path, used: set[str]) -> int:
    """Delete what a complete build did not ask for (pages of older states), so the
    store, here and in the workflows' cache, holds one site's worth; the number deleted."""
    gone = 0
    for path in store.glob("*/*"):
        if path.name not in used:
            path.unlink(missing_ok=True)
            gone += 1
    return gone


def route(page) -> None:
    """Render `page` through TEMPLATE (set once its Markdown is rendered)."""
    if page.meta.get("template") != TEMPLATE:
        page.meta["maklumat_template"] = page.meta.get("template") or "main.html"
        page.meta["template"] = TEMPLATE


def _base_digest(theme_dirs: list[str]) -> tuple[str, set[str]]:
    """What every page depends on outside its context: library versions, this package's
    files (code, catalog, theme), the theme's templates outside installed packages."""
    h = hashlib.sha256(f"maklumat-pages {FORMAT}\n".encode())
    for name, version in sorted({(d.metadata["Name"] or "", d.version) for d in metadata.distributions()}):
        h.update(f"{name}=={version}\n".encode())
    installed = {Path(sysconfig.get_paths()[k]).resolve() for k in ("purelib", "platlib")}
    read = set()
    for d in [PACKAGE, *theme_dirs]:
        root = Path(d).resolve()
        within_installed = any(root.is_relative_to(p) for p in installed) and not root.is_relative_to(PACKAGE)
        pattern = "*.html" if within_installed else "*"   # (Material's icons: thousands of files)
        for path in sorted(p for p in root.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts):
            if path.suffix == ".html":
                text = _JINJA_COMMENT.sub("", path.read_text("utf-8", "replace"))   # words in comments read nothing
                read |= {name for name, pattern in _OPTIONAL.items() if pattern.search(text)}
            if not within_installed:   # an installed theme: its version above stands for its files
                h.update(f"{path.relative_to(root)}\n".encode() + path.read_bytes() + b"\n")
    return h.hexdigest(), read


def feed(h, obj) -> None:
    """Feed `obj` into `h` in an unambiguous, stable form (type-tagged)."""
    if obj is None or isinstance(obj, (bool, int, float)):
        h.update(f"{type(obj).__name__}:{obj!r};".encode())
    elif isinstance(obj, str):   # Markup and str differ under `| e`
        h.update(f"{type(obj).__name__}:{len(obj)}:".encode() + obj.encode("utf-8", "surrogatepass"))
    elif isinstance(obj, (datetime.date, datetime.time)):
        h.update(f"{type(obj).__name__}:{obj.isoformat()};".encode())
    elif isinstance(obj, Page):
        _page(h, obj)
    elif isinstance(obj, Section):
        _tagged(h, "section", (obj.title, obj.active, obj.children))
    elif isinstance(obj, Link):
        _tagged(h, "link", (obj.title, obj.url, obj.active))
    elif isinstance(obj, Navigation):
        _tagged(h, "nav", (obj.items, obj.homepage.url if obj.homepage else None))
    elif isinstance(obj, (TableOfContents, AnchorLink)):
        items = list(obj) if isinstance(obj, TableOfContents) else None
        _tagged(h, "toc", items if items is not None else (obj.title, obj.id, obj.level, obj.url, obj.children,
                                                          getattr(obj, "active", None)))
    elif isinstance(obj, File):
        _tagged(h, "file", (obj.src_uri, obj.dest_uri, obj.url))
    elif isinstance(obj, PluginCollection):
        _tagged(h, "plugins", list(obj.items()))   # names and options, not the event table
    elif isinstance(obj, BasePlugin):
        _tagged(h, type(obj).__qualname__, getattr(obj, "config", None))   # a plugin: its options
    elif isinstance(obj, Mapping) or hasattr(obj, "items") and hasattr(obj, "keys"):
        items = sorted(((str(k), v) for k, v in obj.items()), key=lambda kv: kv[0])
        attrs = sorted((k, v) for k, v in vars(obj).items() if not k.startswith("_") and k not in obj
                       and not callable(v)) if hasattr(obj, "__dict__") else []
        _tagged(h, "map", (items, attrs))   # attributes too: Jinja reads config.extra.alternate so
    elif isinstance(obj, (list, tuple)):
        h.update(f"seq:{len(obj)}[".encode())
        for item in obj:
            feed(h, item)
        h.update(b"]")
    elif isinstance(obj, (set, frozenset)):
        feed(h, sorted(repr(x) for x in obj))
    elif hasattr(obj, "__fspath__"):
        feed(h, os.fspath(obj))
    else:
        text = repr(obj)
        if _ADDRESS.search(text):
            raise Unstable(f"{type(obj).__module__}.{type(obj).__qualname__}")
        feed(h, f"{type(obj).__qualname__}:{text}")


def _tagged(h, tag: str, value) -> None:
    h.update(f"<{tag}>".encode())
    feed(h, value)
    h.update(f"</{tag}>".encode())


def _page(h, page) -> None:
    """The current page in full; any other page (in the nav, a neighbour) as the nav shows it."""
    light = (page.title, page.url, page.active, page.is_index, page.meta, page.file.src_uri)
    if page.active:
        def near(p):
            return None if p is None else (p.title, p.url, p.meta)
        parents = []
        node = page.parent
        while node is not None:
            parents.append(node.title)
            node = node.parent
        _tagged(h, "page", (light, page.content, page.toc, page.markdown, page.canonical_url, page.abs_url,
                            page.edit_url, page.update_date, page.is_homepage, page.file.dest_uri,
                            near(page.previous_page), near(page.next_page), parents))
    else:
        _tagged(h, "navpage", light)
