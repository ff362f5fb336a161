"""Redlines kept between builds, keyed by the two blob ids they compare.

A published version's redline never changes unless what computes it does, so the
key also carries a digest of that: the redline code, the versions of the Markdown
libraries and the site's extension configuration (rendering.reading_key). Editing the
redline modules, upgrading a parser or changing `markdown_extensions` invalidates the
cache by itself. One small JSON file per pair keeps writes cheap and safe.
"""
from __future__ import annotations

import json
import os
import shutil
from dataclasses import asdict
from pathlib import Path

from maklumat.catalog import LOCALE_DIR
from maklumat.markdown import rendering
from maklumat.model import MarkdownConfig
from maklumat.redline.compare import SectionChange, redline

_CODE = ("parity/sections.py", "redline/compare.py", "redline/diff.py", "redline/html.py", "redline/words.py",
         "catalog.py")


def _words() -> tuple[str, ...]:
    """The catalogs: a redline cached before a word changed must not be served after."""
    return tuple(str(p.relative_to(LOCALE_DIR.parent)) for p in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po")))


def _code_digest(config: MarkdownConfig | None = None, versions: dict[str, str] | None = None) -> str:
    return rendering.reading_key(config, versions, _CODE + _words())


class CachedRedline:
    """What pages and feeds use of a redline: its summary, and its HTML in the language
    of the notice file it compares (the language of the pages that show it)."""

    def __init__(self, data: dict):
        self._data = data
        self.summary = [SectionChange(**s) for s in data["summary"]]

    def html(self, lang: str) -> str:
        return self._data["html"]

    def summary_html(self, lang: str) -> str:
        return self._data["summary_html"]


class RedlineCache:
    def __init__(self, directory: Path | None, config: MarkdownConfig | None = None,
                 versions: dict[str, str] | None = None):
        """`config`, `versions`: the reading and library versions (default: the active
        ones; tests pass stand-ins)."""
        self._dir = directory / f"redlines-{_code_digest(config, versions)}" if directory else None
        self._memory: dict[tuple[str, str, str], CachedRedline] = {}
        if directory is not None and directory.is_dir():   # entries of older code: never read again
            for old in directory.glob("redlines-*"):
                if old != self._dir:
                    shutil.rmtree(old, ignore_errors=True)

    def get(self, lang: str, old_blob: str, new_blob: str, old_text: str, new_text: str) -> CachedRedline:
        key = (old_blob, new_blob, lang)
        hit = self._memory.get(key)
        if hit is None:
            hit = self._memory[key] = self._load(key) or self._compute(key, old_text, new_text)
        return hit

    def _path(self, key: tuple[str, str, str]) -> Path | None:
        return self._dir / f"{key[0]}-{key[1]}-{key[2]}.json" if self._dir else None

    def _load(self, key) -> CachedRedline | None:
        path = self._path(key)
        try:
            return CachedRedline(json.loads(path.read_text("utf-8"))) if path and path.is_file() else None
        except (ValueError, KeyError, TypeError):
            return None   # a damaged entry is recomputed

    def _compute(self, key, old_text: str, new_text: str) -> CachedRedline:
        r = redline(old_text, new_text)
        lang = key[2]
        data = {"summary": [asdict(s) for s in r.summary],
                "html": r.html(lang), "summary_html": r.summary_html(lang)}
        path = self._path(key)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
            os.replace(tmp, path)
        return CachedRedline(data)
