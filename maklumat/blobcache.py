"""Per-blob facts cached by git blob id: a blob's text never changes, so neither do they.

The cache file lives under `.cache/maklumat/` (git-ignored). It carries a format
version: a change to how facts are computed bumps it and the old file is ignored.
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

FORMAT = 2   # 2: fingerprints keep spaces between inline elements (visible.py)


@dataclass(frozen=True)
class BlobFacts:
    fingerprint: str
    effective: str | None
    title: str
    sha256: str
    error: str | None = None
    error_line: int | None = None


class BlobCache:
    def __init__(self, path: Path | None):
        self._path = path
        self._facts: dict[str, BlobFacts] = {}
        self._dirty = False
        if path and path.is_file():
            try:
                data = json.loads(path.read_text("utf-8"))
                if data.get("format") == FORMAT:
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
        tmp.write_text(json.dumps({"format": FORMAT, "blobs": blobs}), "utf-8")
        os.replace(tmp, self._path)
        self._dirty = False
