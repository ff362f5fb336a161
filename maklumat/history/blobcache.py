"""Per-blob facts cached by git blob id: a blob's text never changes, so neither do they.

The cache file lives under `.cache/maklumat/` (git-ignored). It carries a format
version and the key of what computes a fingerprint (rendering.reading_key: Markdown
library versions, the site's extension configuration, the engine code): when either
differs, the old file is ignored.
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from maklumat.markdown import rendering
from maklumat.model import MarkdownConfig

FORMAT = 3   # 3: fingerprints of the site's Python-Markdown rendering, keyed by reading_key


@dataclass(frozen=True)
class BlobFacts:
    fingerprint: str
    effective: str | None
    title: str
    sha256: str
    error: str | None = None
    error_line: int | None = None


class BlobCache:
    def __init__(self, path: Path | None, config: MarkdownConfig | None = None,
                 versions: dict[str, str] | None = None):
        """`config`, `versions`: the reading and library versions (default: the active
        ones; tests pass stand-ins)."""
        self._path = path
        self._key = rendering.reading_key(config, versions, ("history/blobcache.py", "markdown/frontmatter.py"))
        self._facts: dict[str, BlobFacts] = {}
        self._dirty = False
        if path and path.is_file():
            try:
                data = json.loads(path.read_text("utf-8"))
                if data.get("format") == FORMAT and data.get("key") == self._key:
                    self._facts = {k: BlobFacts(**v) for k, v in data["blobs"].items()}
            except (ValueError, TypeError, KeyError):
                self._facts = {}   # a damaged cache is only a slower build

    def get(self, blob: str) -> BlobFacts | None:
        return self._facts.get(blob)

    def put(self, blob: str, facts: BlobFacts) -> BlobFacts:
        self._facts[blob] = facts
        self._dirty = True
        return facts

    def save(self) -> None:
        if not (self._path and self._dirty):
            return
        self._path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self._path.with_suffix(".tmp")
        blobs = {k: asdict(v) for k, v in sorted(self._facts.items())}
        tmp.write_text(json.dumps({"format": FORMAT, "key": self._key, "blobs": blobs}), "utf-8")
        os.replace(tmp, self._path)
        self._dirty = False
