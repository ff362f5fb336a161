"""The history engine: from one pass over git to notices and their versions.

A *version* of a notice file is a first-parent commit that changed what a reader
sees (see visible.py), following renames. Per-blob work (decoding, front matter,
fingerprint) is cached by blob id in memory and on disk, so a rebuild after one new
commit only looks at the new blobs.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from zoneinfo import ZoneInfo

from . import frontmatter, visible
from .blobcache import BlobCache, BlobFacts
from .errors import MaklumatError
from .gitlog import BlobReader, Change, Commit, first_parent_commits, head_sha, open_repo
from .model import Notice, NoticeFile, Settings, SiteHistory, TextStore, Version


class GitTextStore(TextStore):
    def __init__(self, reader: BlobReader, extra: dict[str, str] | None = None):
        self._reader = reader
        self._extra = extra or {}

    def text(self, blob: str) -> str:
        if blob in self._extra:
            return self._extra[blob]
        raw = self._reader.read(blob)
        try:
            return frontmatter.clean_text(raw, blob)
        except MaklumatError:   # an old version saved in another encoding: still show it
            return frontmatter.clean_text(raw.decode("utf-8", "replace"), blob)


@dataclass
class _Lineage:
    file: NoticeFile
    tip_fp: str | None = None


def load_history(repo_root: Path, settings: Settings, *, include_drafts: bool = False,
                 cache_dir: Path | None = None) -> SiteHistory:
    """Read every notice's history. `include_drafts` adds uncommitted working-tree edits
    (for the editors' preview); they never become versions."""
    visible.read_with(settings.markdown)   # the site's Markdown decides what a reader sees
    repo = open_repo(Path(repo_root))
    root = Path(repo.working_tree_dir)
    reader = BlobReader(repo)
    cache = BlobCache(cache_dir / "blobs.json" if cache_dir else None)
    tz = ZoneInfo(settings.timezone)
    lineages: dict[str, _Lineage] = {}     # current repository path -> lineage
    withdrawn: dict[str, list[_Lineage]] = {}   # last path of deleted files -> their lineages
    for commit in first_parent_commits(repo, settings.docs_dir):
        for change in commit.changes:
            where = _locate(change.path, settings)
            if where is None:
                if change.status == "R" and change.old_path in lineages:
                    # Renamed to something that is no notice (docs/id/index.md, a .txt):
                    # for readers the notice is gone, as if deleted.
                    change = Change("D", change.old_path, None, change.blob)
                else:
                    continue
            else:
                lang, key = where
            if change.status == "D":
                lin = lineages.pop(change.path, None)
                if lin is not None and lin.file.versions:
                    lin.file.withdrawn_at = commit.time.astimezone(tz)
                    withdrawn.setdefault(change.path, []).append(lin)
                continue
            if change.status == "R":
                lin = lineages.pop(change.old_path, None) if change.old_path else None
                if lin is not None:
                    old_key = lin.file.key
                    lin.file.key, lin.file.path, lin.file.lang = key, change.path, lang
                    lin.file.former_keys += (old_key,)
            else:
                lin = lineages.get(change.path)
            if lin is None and withdrawn.get(change.path):
                lin = withdrawn[change.path].pop()   # a deleted notice restored
                lin.file.withdrawn_at = None
            elif lin is None:
                lin = _Lineage(NoticeFile(lang=lang, key=key, path=change.path))
            lineages[change.path] = lin
            facts = cache.get(change.blob) or cache.put(change.blob, _facts(reader, change.blob, change.path))
            if facts.fingerprint == lin.tip_fp:
                continue   # nothing a reader can see changed
            lin.tip_fp = facts.fingerprint
            lin.file.versions.append(_version(commit, change.path, lang, key, change.blob, facts, tz))
    cache.save()
    for lin in lineages.values():
        _check_tip(lin.file, reader)
    files = [lin.file for lin in lineages.values()] + [lin.file for lins in withdrawn.values() for lin in lins]
    extra_texts: dict[str, str] = {}
    if include_drafts:
        files += _drafts(root, settings, lineages, reader, extra_texts)
    notices: dict[str, Notice] = {}
    # Per key and language, the live file is the notice, else the one withdrawn last;
    # any other file once at that key is kept as `earlier`, so its versions stay published.
    for f in sorted(files, key=lambda f: (f.key, f.lang, f.withdrawn_at is not None,
                                          -f.withdrawn_at.timestamp() if f.withdrawn_at else 0)):
        notice = notices.setdefault(f.key, Notice(f.key))
        if notice.files.setdefault(f.lang, f) is not f:
            notice.earlier.append(f)
    return SiteHistory(settings, head_sha(repo), dict(sorted(notices.items())),
                       GitTextStore(reader, extra_texts))


def _locate(path: str, settings: Settings) -> tuple[str, str] | None:
    """(language, notice key) for a notice path, or None for anything else."""
    p = PurePosixPath(path)
    docs = PurePosixPath(settings.docs_dir)
    if p.suffix != ".md" or docs not in p.parents:
        return None
    rel = p.relative_to(docs)
    if len(rel.parts) < 2 or rel.parts[0] not in settings.languages:
        return None
    key = str(rel.relative_to(rel.parts[0]).with_suffix(""))
    if key == "index":
        return None   # the language's home page is not a notice
    return rel.parts[0], key


def _facts(reader: BlobReader, blob: str, path: str) -> BlobFacts:
    raw = reader.read(blob)
    try:
        text = frontmatter.clean_text(raw, path)
        fm = frontmatter.parse(text, path)
    except MaklumatError as exc:
        # Kept, not raised: a published mistake cannot be undone; only the tip must be valid.
        return BlobFacts(fingerprint=hashlib.sha256(raw).hexdigest(), effective=None, title="",
                         sha256=hashlib.sha256(raw).hexdigest(), error=exc.message, error_line=exc.line)
    return BlobFacts(fingerprint=visible.fingerprint(fm),
                     effective=fm.effective.isoformat() if fm.effective else None,
                     title=fm.title, sha256=hashlib.sha256(raw).hexdigest())


def _version(commit: Commit, path: str, lang: str, key: str, blob: str, facts: BlobFacts,
             tz: ZoneInfo) -> Version:
    published = commit.time.astimezone(tz)
    effective = dt.date.fromisoformat(facts.effective) if facts.effective else published.date()
    return Version(
        id=commit.sha[:12], commit=commit.sha, seq=commit.seq, lang=lang, path=path, key=key,
        blob=blob, published=published, effective=effective,
        summary=commit.trailers.get("notice-summary") or commit.subject,
        editorial=commit.trailers.get("notice-change", "").lower() == "editorial",
        translation_not_needed=commit.trailers.get("notice-translation", "").lower() == "not-needed",
        sha256=facts.sha256, title=facts.title or key)


def _check_tip(file: NoticeFile, reader: BlobReader) -> None:
    """The newest committed version of a live notice must parse: it is what gets published."""
    if not file.versions:
        return
    tip = file.versions[-1]
    frontmatter.parse(frontmatter.clean_text(reader.read(tip.blob), tip.path), tip.path)


def _drafts(root: Path, settings: Settings, lineages: dict[str, _Lineage], reader: BlobReader,
            extra_texts: dict[str, str]) -> list[NoticeFile]:
    """Working-tree texts that differ visibly from the last version (editors' preview)."""
    new_files = []
    for lang in settings.languages:
        base = root / settings.docs_dir / lang
        for path in sorted(base.rglob("*.md")) if base.is_dir() else []:
            rel = path.relative_to(root).as_posix()
            where = _locate(rel, settings)
            if where is None:
                continue
            text = frontmatter.clean_text(path.read_bytes(), rel)
            fm = frontmatter.parse(text, rel)
            lin = lineages.get(rel)
            if lin is not None and visible.fingerprint(fm) == lin.tip_fp:
                continue
            if lin is None:
                lin = _Lineage(NoticeFile(lang=where[0], key=where[1], path=rel))
                new_files.append(lin.file)
            lin.file.draft_text = text
    return new_files
