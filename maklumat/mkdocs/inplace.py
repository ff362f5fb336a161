"""`mkdocs build` over its last complete site: unchanged generated pages stay where they are.

MkDocs empties the site directory before every build. At 20 notices x 100 versions a
rebuild after one commit then spends a third of its time deleting 7,600 unchanged pages
(340 MB) and copying them back from the page store. So the last complete build lists its
generated pages in `.cache/maklumat/site-<digest of the site directory>.json` (path: key,
size, mtime), and the next one (not `serve`, which has its own way: servesession.py, nor
`--dirty`) cleans as MkDocs does but for each listed file whose size and mtime are the
listed ones. A page whose key is still the listed one stays there (`claim`: its copy
skipped); any other page is written over it as always; a kept file that no page of this
build claimed and that nothing wrote is deleted at the end (`finish`). The list is deleted
when a build starts and written when one completes, so after a failed build the next one
empties the directory, as MkDocs would.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
from pathlib import Path

import mkdocs.utils

_CLEAN = mkdocs.utils.clean_directory   # MkDocs' own (imported before any build)


class InPlace:
    def __init__(self, cache_dir: Path, site_dir: str):
        self.site_dir = os.path.abspath(site_dir)
        self.list = cache_dir / f"site-{hashlib.sha256(self.site_dir.encode()).hexdigest()[:16]}.json"
        self.listed: dict[str, list] = {}   # relative path -> [key, size, mtime_ns], as the last build left them
        self.kept: dict[str, str] = {}      # absolute path -> key: files the clean left

    def begin(self) -> None:
        """First language's `on_pre_build`: the list read and deleted; MkDocs' next clean
        (right after) keeps the listed files that are unchanged."""
        try:
            listed = json.loads(self.list.read_text("utf-8"))
            self.list.unlink()
            self.listed = {rel: [str(key), int(size), int(mtime)] for rel, (key, size, mtime) in listed.items()
                           if isinstance(rel, str)}
        except (OSError, ValueError, TypeError, AttributeError):   # none, or damaged: a clean as MkDocs'
            self.listed = {}
        if self.listed:
            mkdocs.utils.clean_directory = self._clean

    def _clean(self, directory: str) -> None:
        mkdocs.utils.clean_directory = _CLEAN   # once
        if os.path.abspath(directory) != self.site_dir or not os.path.isdir(directory):
            return _CLEAN(directory)
        for rel, (key, size, mtime) in self.listed.items():
            path = os.path.join(self.site_dir, *rel.split("/"))
            if _inside(path, self.site_dir) and _same(path, size, mtime):
                self.kept[path] = key
        parents = {str(p) for path in self.kept for p in Path(path).parents}
        _prune(self.site_dir, self.kept, parents, top=True)

    def claim(self, path: str, key: str | None) -> bool:
        """A generated page of this build at `path`: True if the file there is its bytes."""
        kept = self.kept.pop(path, None)
        return kept is not None and kept == key

    def finish(self, written: dict[str, str]) -> None:
        """A complete build: kept files no page claimed, and that nothing wrote since, go;
        `written` (absolute path -> key, every stored page of this build) is the new list."""
        rel = {os.path.join(self.site_dir, *r.split("/")): r for r in self.listed}
        for path in self.kept:
            _, size, mtime = self.listed[rel[path]]
            if _same(path, size, mtime):
                os.unlink(path)
                _remove_empty(os.path.dirname(path), self.site_dir)
        listing = {}
        for path, key in written.items():
            if not _inside(path, self.site_dir):   # (a language built elsewhere: MkDocs cleans it)
                continue
            try:
                st = os.stat(path, follow_symlinks=False)
            except OSError:
                continue
            listing[os.path.relpath(path, self.site_dir).replace(os.sep, "/")] = [key, st.st_size, st.st_mtime_ns]
        self.list.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.list.with_name(f"{self.list.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(listing, sort_keys=True), "utf-8")
        os.replace(tmp, self.list)


def _inside(path: str, top: str) -> bool:
    """Only files in the site directory are ever kept or deleted."""
    path = os.path.normpath(path)
    return path.startswith(top + os.sep) and ".." not in path.split(os.sep)


def _same(path: str, size: int, mtime: int) -> bool:
    try:
        st = os.stat(path, follow_symlinks=False)
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and st.st_size == size and st.st_mtime_ns == mtime


def _prune(directory: str, keep: dict, parents: set[str], top: bool) -> None:
    """MkDocs' clean_directory (hidden entries at the top are left), but for `keep`."""
    for entry in os.listdir(directory):
        if top and entry.startswith("."):
            continue
        path = os.path.join(directory, entry)
        if path in keep:
            continue
        if path in parents and os.path.isdir(path) and not os.path.islink(path):
            _prune(path, keep, parents, False)
        elif os.path.isdir(path):
            shutil.rmtree(path, True)
        else:
            os.unlink(path)


def _remove_empty(directory: str, top: str) -> None:
    while directory != top and directory.startswith(top + os.sep):
        try:
            os.rmdir(directory)
        except OSError:   # not empty
            return
        directory = os.path.dirname(directory)
