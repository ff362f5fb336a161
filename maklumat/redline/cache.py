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

from maklumat import workers
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

    def missing(self, keys: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
        """Of (old blob, new blob, lang) keys, those neither in memory nor on disk."""
        on_disk = set(os.listdir(self._dir)) if self._dir is not None and self._dir.is_dir() else set()
        return [k for k in dict.fromkeys(keys) if k not in self._memory
                and (self._dir is None or self._path(k).name not in on_disk)]

    def prefetch(self, files: list, history) -> None:
        """The redlines of every consecutive pair of versions of `files` (NoticeFile) that
        the cache lacks, computed now in workers.py's pool if that pays, else left to `get`."""
        pairs = {(a.blob, b.blob, f.lang): (f, a, b) for f in files for a, b in zip(f.versions, f.versions[1:])}
        missing = self.missing(list(pairs))
        if workers.processes(len(missing)) < 2:
            return
        history.texts.prefetch([blob for key in missing for blob in key[:2]])
        groups: dict[int, list] = {}   # one notice file's versions together
        for key in missing:
            f, a, b = pairs[key]
            groups.setdefault(id(f), []).append((*key, history.text(a), history.text(b)))
        self.compute(list(groups.values()))

    def compute(self, groups: list[list[tuple[str, str, str, str, str]]]) -> None:
        """Compute and store the redlines of (old blob, new blob, lang, old text, new text)
        items, a group (one notice's versions) per task of workers.py's pool."""
        results = workers.map_groups(_data_of, [[(i[2], i[3], i[4]) for i in g] for g in groups])
        for group, datas in zip(groups, results):
            for item, data in zip(group, datas):
                self._memory[item[:3]] = self._store(item[:3], data)

    def _compute(self, key, old_text: str, new_text: str) -> CachedRedline:
        return self._store(key, _data(key[2], old_text, new_text))

    def _store(self, key, data: dict) -> CachedRedline:
        path = self._path(key)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
            os.replace(tmp, path)
        return CachedRedline(data)


def _data(lang: str, old_text: str, new_text: str) -> dict:
    r = redline(old_text, new_text)
    return {"summary": [asdict(s) for s in r.summary], "html": r.html(lang), "summary_html": r.summary_html(lang)}


def _data_of(item: tuple[str, str, str]) -> dict:
    return _data(*item)
