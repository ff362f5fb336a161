"""The store of finished generated pages, and the digests every cache key is made of.

A key is the digest of everything that reaches a page's bytes. What every page shares is
digested once per build: the versions of every installed distribution (MkDocs, Material,
static-i18n, Jinja2, Markdown, ...), this package's files (code, catalog, theme), the
theme's templates outside installed packages, and the MkDocs config (every plugin's
options included). `feed` writes any value into a digest in an unambiguous, type-tagged
form; a value with no stable written form raises `Unstable` (the page is then rendered
and not stored, never a wrong hit). Entries live under `.cache/maklumat/pages/` (a page's
bytes and a small JSON of what it contributes to the rest of the build, fastpath.py) and
`.cache/maklumat/rendered/` (rendercache.py); a complete build prunes what it did not ask for.
"""
from __future__ import annotations

import datetime
import functools
import hashlib
import json
import logging
import os
import re
import sys
import sysconfig
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path

from mkdocs.plugins import BasePlugin, PluginCollection
from mkdocs.structure.files import File

FORMAT = "2"
PACKAGE = Path(__file__).resolve().parent.parent   # maklumat/: code, catalog, theme
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
# Context variables no template of the theme reads (checked in its files; `nav.pages` is
# not `pages`). `pages` (the list of documentation pages) differs once stored pages leave
# the page loop, so a template that reads it turns the fast path off (fastpath.py); one
# that reads the build date or `site_dir` puts them into the keys.
_OPTIONAL = {name: re.compile(rf"(?<![.\w]){name}\b") for name in ("pages", "build_date_utc")}
_OPTIONAL["site_dir"] = re.compile(r"\bsite_dir\b")   # where the site is written (`-d`, `serve`)
# Front matter Maklumat reads itself (the date a version takes effect): changed by most
# commits, so a notice's `effective:` is left out of the nav every page shows (fastpath.py)
# unless a template names it.
_OPTIONAL["effective"] = re.compile(r"\beffective\b")
_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)


class Capture(logging.Handler):
    """The log lines MkDocs writes while one page is rendered (kept with the page, replayed on a hit)."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record):
        self.records.append((record.name, record.levelno, record.getMessage()))


class Unstable(Exception):
    """A value with no stable written form: the page is rendered and not stored."""


class PageCache:
    """The build-wide digests and the store of finished pages."""

    def __init__(self, root: Path, theme_dirs: list[str]):
        self.dir = root / "pages"
        self.base, self.read = _base_digest(theme_dirs)
        self._config: tuple[tuple, str] | None = None
        self.used: set[str] = set()   # every key this build asked for: what prune() keeps

    def config_digest(self, config) -> str:
        """The config but `extra` (which static-i18n and the plugin change per page; the
        fast path feeds it per page) and `site_dir` (unless a template reads it): settled
        by on_config, so digested once per language build; a replaced top-level value is
        seen and digested again."""
        ident = (id(config), tuple((k, id(v)) for k, v in config.items()))
        if self._config is None or self._config[0] != ident:
            h = hashlib.sha256()
            feed(h, {k: v for k, v in config.items() if k != "extra" and (k not in _OPTIONAL or k in self.read)})
            self._config = (ident, h.hexdigest())
        return self._config[1]

    def body(self, key: str) -> Path:
        return self._path(key).with_suffix(".html")

    def load(self, key: str) -> tuple[dict, Path] | None:
        """A stored page: what it contributes (JSON) and the file holding its bytes."""
        self.used.add(key)
        body = self.body(key)
        try:
            entry = json.loads(self._path(key).read_text("utf-8"))
        except (OSError, ValueError):
            return None
        return (entry, body) if body.is_file() else None

    def save(self, key: str, entry: dict, data: bytes) -> None:
        self.used.add(key)
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        _write(self.body(key), data)   # the bytes first: an entry never points at nothing
        _write(path, json.dumps(entry, ensure_ascii=False).encode("utf-8"))

    def record(self, name: str) -> dict:
        """A small record kept beside the entries (not pruned): e.g. the nav titles seen."""
        try:
            return json.loads((self.dir / f"{name}.json").read_text("utf-8"))
        except (OSError, ValueError):
            return {}

    def keep_record(self, name: str, value: dict) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        _write(self.dir / f"{name}.json", json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8"))

    def _path(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.json"


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)   # a reader never sees half a file


def prune(store: Path, used: set[str]) -> int:
    """Delete what a complete build did not ask for (pages of older states), so the
    store, here and in the workflows' cache, holds one site's worth; the number deleted."""
    gone = 0
    for path in store.glob("*/*"):
        if path.name.split(".")[0] not in used:
            path.unlink(missing_ok=True)
            gone += path.suffix != ".html"   # a page is its JSON and its bytes: counted once
    return gone


def _base_digest(theme_dirs: list[str]) -> tuple[str, set[str]]:
    """What every page depends on outside its own inputs: library versions, this package's
    files (code, catalog, theme), the theme's templates outside installed packages."""
    h = hashlib.sha256(f"maklumat-pages {FORMAT}\n".encode())
    versions = _versions(_site_dirs())
    h.update(versions.encode())
    installed = {Path(sysconfig.get_paths()[k]).resolve() for k in ("purelib", "platlib")}
    read = set()
    for d in [PACKAGE, *theme_dirs]:
        root = Path(d).resolve()
        if any(root.is_relative_to(p) for p in installed) and not root.is_relative_to(PACKAGE):
            read |= _installed_reads(root, versions)   # an installed theme: its version stands for its files
            continue
        for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            if path.suffix == ".html":
                read |= _reads(path)
            h.update(f"{path.relative_to(root)}\n".encode() + path.read_bytes() + b"\n")
    return h.hexdigest(), read


# The installed libraries' versions are looked up again only when a folder on sys.path
# changes (an install adds or removes a *.dist-info folder there); what an installed theme's
# templates read, once per set of versions. (`mkdocs serve` builds on every save.)
def _site_dirs() -> tuple:
    return tuple((p, os.stat(p).st_mtime_ns) for p in sys.path if os.path.isdir(p))


@functools.lru_cache(maxsize=4)
def _versions(site_dirs: tuple) -> str:
    return "".join(f"{name}=={version}\n" for name, version in
                   sorted({(d.metadata["Name"] or "", d.version) for d in metadata.distributions()}))


@functools.lru_cache(maxsize=16)
def _installed_reads(root: Path, versions: str) -> frozenset[str]:
    """What the templates of an installed theme read (Material's icons: thousands of files
    that are not templates)."""
    return frozenset(name for path in root.rglob("*.html") if path.is_file() for name in _reads(path))


def _reads(template: Path) -> set[str]:
    text = _JINJA_COMMENT.sub("", template.read_text("utf-8", "replace"))   # words in comments read nothing
    return {name for name, pattern in _OPTIONAL.items() if pattern.search(text)}


def feed(h, obj) -> None:
    """Feed `obj` into `h` in an unambiguous, stable form (type-tagged)."""
    if obj is None or isinstance(obj, (bool, int, float)):
        h.update(f"{type(obj).__name__}:{obj!r};".encode())
    elif isinstance(obj, str):   # Markup and str differ under `| e`
        h.update(f"{type(obj).__name__}:{len(obj)}:".encode() + obj.encode("utf-8", "surrogatepass"))
    elif isinstance(obj, (datetime.date, datetime.time)):
        h.update(f"{type(obj).__name__}:{obj.isoformat()};".encode())
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


def feed_plain(h, obj) -> None:
    """Feed plain data (str, numbers, None, lists, dicts with str keys) into `h`: as JSON,
    several times quicker than `feed` for what every page has (its Markdown, decorations,
    context). The code that makes the values is in every key, so their types are fixed."""
    h.update(json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                        default=_refuse).encode("utf-8", "surrogatepass"))


def _refuse(obj):
    raise Unstable(f"{type(obj).__module__}.{type(obj).__qualname__}")


def _tagged(h, tag: str, value) -> None:
    h.update(f"<{tag}>".encode())
    feed(h, value)
    h.update(f"</{tag}>".encode())
