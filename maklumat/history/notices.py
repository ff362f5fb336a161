"""The history engine: from one pass over git to notices and their versions.

A *version* of a notice file is a first-parent commit that changed what a reader
sees (see visible.py), following renames from anywhere in the repository: a Markdown
file's life before it moved into docs/<lang>/ counts too. Per-blob work (decoding,
front matter, fingerprint) is cached by blob id in memory and on disk, so a rebuild
after one new commit only looks at the new blobs. The rules are listed in the README
("Rules the history follows").
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from zoneinfo import ZoneInfo

from maklumat.errors import MaklumatError
from maklumat.history import clock, notice_period, summaries, tips
from maklumat.history.blobcache import BlobCache, BlobFacts
from maklumat.history.gitlog import (
    REGULAR_MODES,
    BlobReader,
    Commit,
    first_parent_commits,
    head_sha,
    open_repo,
)
from maklumat import workers
from maklumat.markdown import frontmatter, rendering, visible
from maklumat.model import Notice, NoticeFile, Settings, SiteHistory, TextStore, Version


class GitTextStore(TextStore):
    def __init__(self, reader: BlobReader, extra: dict[str, str] | None = None):
        self._reader = reader
        self._extra = extra or {}

    def prefetch(self, blobs: list[str]) -> None:
        self._reader.read_many([b for b in blobs if b not in self._extra])

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
    """One Markdown file's life, following renames. `file` is None until the file first
    reaches a notice path; until then its changes wait in `pending`."""
    file: NoticeFile | None = None
    tip_fp: str | None = None
    mode: str = "100644"
    pending: list[tuple[Commit, str, str]] = field(default_factory=list)   # (commit, path, blob)


class _Reader:
    def __init__(self, reader: BlobReader, cache: BlobCache, tz: ZoneInfo, commit_lang: str = "en"):
        self.reader, self.cache, self.tz, self.commit_lang = reader, cache, tz, commit_lang
        self.prefetched: dict[tuple[str, str], BlobFacts] = {}   # (blob, path) -> facts (_prefetch)

    def record(self, lin: _Lineage, commit: Commit, path: str, blob: str, mode: str) -> None:
        """A new state of the file: a version if a reader sees a difference."""
        lin.mode = mode
        if mode not in REGULAR_MODES:
            return   # a symlink or submodule is never read, never a version (refused at the tip)
        if lin.file is None:
            lin.pending.append((commit, path, blob))
            return
        facts = self.cache.get(blob) or self.cache.put(
            blob, self.prefetched.pop((blob, path), None) or _facts(self.reader, blob, path))
        if facts.fingerprint == lin.tip_fp:
            return   # nothing a reader can see changed (a pure rename, re-wrapping, ...)
        lin.tip_fp = facts.fingerprint
        f = lin.file
        lin.file.versions.append(_version(commit, path, f.lang, f.key, blob, facts, self.tz,
                                                self.commit_lang))

    def become_notice(self, lin: _Lineage, lang: str, key: str, path: str) -> None:
        """The file reached a notice path: its earlier states become versions under this key."""
        lin.file = NoticeFile(lang=lang, key=key, path=path)
        pending, lin.pending = lin.pending, []
        for commit, old_path, blob in pending:
            self.record(lin, commit, old_path, blob, "100644")


def load_history(repo_root: Path, settings: Settings, *, include_drafts: bool = False,
                 cache_dir: Path | None = None) -> SiteHistory:
    """Read every notice's history. `include_drafts` adds uncommitted working-tree edits
    (for the editors' preview); they never become versions. Errors speak `messages_lang`."""
    try:
        return _load(repo_root, settings, include_drafts, cache_dir)
    except MaklumatError as exc:
        raise exc.worded(settings.messages_lang) from None


def _load(repo_root: Path, settings: Settings, include_drafts: bool, cache_dir: Path | None) -> SiteHistory:
    visible.read_with(settings.markdown)   # the site's Markdown decides what a reader sees
    repo = open_repo(Path(repo_root))
    root = Path(repo.working_tree_dir)
    reader = BlobReader(repo)
    cache = BlobCache(cache_dir / "blobs.json" if cache_dir else None)
    tz = ZoneInfo(settings.timezone)
    rd = _Reader(reader, cache, tz, settings.commit_lang)
    lineages: dict[str, _Lineage] = {}          # current repository path -> lineage (every .md file)
    withdrawn: dict[str, list[_Lineage]] = {}   # last path of deleted notices -> their lineages
    commits = first_parent_commits(repo)
    _prefetch(commits, rd, settings)
    for commit in commits:
        _apply(commit, lineages, withdrawn, rd, settings)
    cache.save()
    live = [lin for lin in lineages.values() if lin.file is not None]
    for lin in live:
        tips.check_tip(lin.file, lin.mode, reader)
    files = [lin.file for lin in live] + [lin.file for lins in withdrawn.values() for lin in lins]
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
    history = SiteHistory(settings, head_sha(repo), dict(sorted(notices.items())),
                          GitTextStore(reader, extra_texts))
    history.notes = clock.enforce(history) + notice_period.notes(history) + summaries.enforce(history)
    return history


def _apply(commit: Commit, lineages: dict[str, _Lineage], withdrawn: dict[str, list[_Lineage]],
           rd: _Reader, settings: Settings) -> None:
    """One commit's changes. Every source of a rename is detached first, so renames that
    swap or chain paths in one commit (a restructure) pair up correctly."""
    moving = {c.old_path: lineages.pop(c.old_path, None) for c in commit.changes if c.status == "R"}
    for change in commit.changes:
        if change.status == "D":
            _withdraw(lineages.pop(change.path, None), change.path, commit, withdrawn, rd.tz)
            continue
        where = _locate(change.path, settings)
        if change.status == "R":
            lin = moving.get(change.old_path)
            if lin is not None and lin.file is not None and (where is None or where[0] != lin.file.lang):
                # A notice renamed to something that is no notice (docs/id/index.md, notes/x.md) is
                # gone for readers, as if deleted; moved to another language's folder, it is a
                # different notice there (its versions keep their URLs in their own language).
                _withdraw(lin, change.old_path, commit, withdrawn, rd.tz)
                if where is None:
                    continue
                lin = None
            elif lin is not None and lin.file is not None:
                old_key = lin.file.key
                lin.file.key, lin.file.path, lin.file.lang = where[1], change.path, where[0]
                lin.file.former_keys += (old_key,)
        else:
            lin = lineages.get(change.path)
        if lin is None and where is not None and withdrawn.get(change.path):
            lin = withdrawn[change.path].pop()   # a deleted notice restored
            lin.file.withdrawn_at = None
        elif lin is None:
            lin = _Lineage()
        lineages[change.path] = lin
        if lin.file is None and where is not None:
            rd.become_notice(lin, where[0], where[1], change.path)
        rd.record(lin, commit, change.path, change.blob, change.mode)


def _withdraw(lin: _Lineage | None, path: str, commit: Commit, withdrawn: dict[str, list[_Lineage]],
              tz: ZoneInfo) -> None:
    if lin is not None and lin.file is not None and lin.file.versions:
        lin.file.withdrawn_at = commit.time.astimezone(tz)
        withdrawn.setdefault(path, []).append(lin)


@functools.lru_cache(maxsize=65536)   # every change of every commit, every build
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


def _prefetch(commits: list[Commit], rd: _Reader, settings: Settings) -> None:
    """With an empty cache, the facts of the blobs at notice paths, computed in a process
    pool (workers.py): the facts `record` would compute of each blob at its first notice
    path, so the cache ends the same. Nothing to do on a warm cache or without a pool."""
    wanted: dict[str, str] = {}   # blob -> its first notice path, in commit order
    for commit in commits:
        for c in commit.changes:
            if (c.status != "D" and c.mode in REGULAR_MODES and c.blob not in wanted
                    and rd.cache.get(c.blob) is None and _locate(c.path, settings) is not None):
                wanted[c.blob] = c.path
    if workers.processes(len(wanted)) < 2:
        return
    raw = rd.reader.read_many(list(wanted))
    groups: dict[str, list[str]] = {}   # path -> its blobs: one notice's versions go together
    for blob, path in wanted.items():
        groups.setdefault(path, []).append(blob)
    results = workers.map_groups(_facts_of, [[(raw[b], p) for b in bs] for p, bs in groups.items()])
    rd.prefetched = {(b, p): f for (p, bs), fs in zip(groups.items(), results) for b, f in zip(bs, fs)}


def _facts_of(item: tuple[bytes, str]) -> BlobFacts:
    return _facts_raw(*item)


def _facts(reader: BlobReader, blob: str, path: str) -> BlobFacts:
    return _facts_raw(reader.read(blob), path)


def _facts_raw(raw: bytes, path: str) -> BlobFacts:
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
             tz: ZoneInfo, commit_lang: str = "en") -> Version:
    published = commit.time.astimezone(tz)
    own = commit.trailers.get(f"notice-summary-{lang}")   # a summary in this version's language
    effective = dt.date.fromisoformat(facts.effective) if facts.effective else published.date()
    return Version(
        id=commit.sha[:12], commit=commit.sha, seq=commit.seq, lang=lang, path=path, key=key,
        blob=blob, published=published, effective=effective,
        summary=own or commit.trailers.get("notice-summary") or commit.subject,
        summary_lang="" if own else commit_lang,
        editorial=commit.trailers.get("notice-change", "").lower() == "editorial",
        translation_not_needed=commit.trailers.get("notice-translation", "").lower() == "not-needed",
        sha256=facts.sha256, title=facts.title or key,
        notice_waived=commit.trailers.get("notice-period", "").lower() == "not-needed")


@functools.lru_cache(maxsize=1024)   # mkdocs serve: every save reads every notice's working-tree text
def _fingerprint(text: str, rel: str, reading) -> str:
    """A working-tree text's fingerprint (front matter checked), as the site reads Markdown."""
    return visible.fingerprint(frontmatter.parse(text, rel))


def _drafts(root: Path, settings: Settings, lineages: dict[str, _Lineage], reader: BlobReader,
            extra_texts: dict[str, str]) -> list[NoticeFile]:
    """Working-tree texts that differ visibly from the last version (editors' preview)."""
    new_files = []
    for lang in settings.languages:
        base = root / settings.docs_dir / lang
        for path in sorted(base.rglob("*.md")) if base.is_dir() else []:
            rel = path.relative_to(root).as_posix()
            where = _locate(rel, settings)
            if where is None or path.is_symlink() or not path.is_file():
                continue   # links are refused from the committed tree; never followed here
            text = frontmatter.clean_text(path.read_bytes(), rel)
            fp = _fingerprint(text, rel, rendering.active())   # (its front matter checked here)
            lin = lineages.get(rel)
            if lin is not None and lin.file is not None and fp == lin.tip_fp:
                continue
            if lin is None or lin.file is None:
                lin = _Lineage(NoticeFile(lang=where[0], key=where[1], path=rel))
                new_files.append(lin.file)
            lin.file.draft_text = text
    return new_files
