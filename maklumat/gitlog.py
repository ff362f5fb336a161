"""One pass over git: the first-parent commits that touched the notices, and blob texts.

A single `git log` lists every commit with its changed paths (renames detected), so
the cost is one process per build however many notices and versions there are.
Blob texts come through GitPython's persistent `cat-file` process.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import git

from .errors import MaklumatError

_RS, _US = "\x1e", "\x1f"
_FORMAT = f"{_RS}%H{_US}%ct{_US}%s{_US}%(trailers:only=true,unfold=true){_US}"


@dataclass(frozen=True)
class Change:
    status: str        # A, M, D, R (rename), T (type change)
    path: str          # the path after the commit (before it, for D)
    old_path: str | None
    blob: str          # blob after the commit (zeros for D)


@dataclass(frozen=True)
class Commit:
    sha: str
    seq: int
    time: dt.datetime          # committer date, UTC
    subject: str
    trailers: dict[str, str]   # lower-cased keys; the last value wins
    changes: tuple[Change, ...] = field(default=())


def open_repo(start: Path) -> git.Repo:
    """The repository that holds `start`, or an error a person can act on."""
    try:
        repo = git.Repo(start, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise MaklumatError(
            "this is not a git repository: Maklumat reads every date and version from git history. "
            "Run 'git init' and commit the notices, or build from a clone of the repository.",
            str(start)) from None
    try:
        shallow = repo.git.rev_parse("--is-shallow-repository").strip() == "true"
    except git.GitCommandError:
        shallow = False
    if shallow:
        raise MaklumatError(
            "this clone is shallow, so the history of the notices is incomplete and dates and versions "
            "would be wrong. Fetch the full history with 'git fetch --unshallow' (in GitHub Actions: "
            "actions/checkout with 'fetch-depth: 0').", str(repo.working_tree_dir))
    return repo


def head_sha(repo: git.Repo) -> str | None:
    try:
        return repo.head.commit.hexsha
    except ValueError:   # no commits yet
        return None


def first_parent_commits(repo: git.Repo, docs_dir: str) -> list[Commit]:
    """Commits on HEAD's first-parent line that touched `docs_dir`, oldest first.

    Merge commits are compared with their first parent, so a merged pull request
    counts once, at the time it reached the built branch.
    """
    if head_sha(repo) is None:
        return []
    out = repo.git.log("--first-parent", "--diff-merges=first-parent", "-M", "--raw", "-z",
                       "--no-abbrev", "--reverse", f"--format={_FORMAT}", "--", docs_dir,
                       strip_newline_in_stdout=False)
    commits = []
    for seq, chunk in enumerate(c for c in out.split(_RS) if c):
        sha, ct, subject, trailers, raw = chunk.split(_US, 4)
        commits.append(Commit(
            sha=sha, seq=seq,
            time=dt.datetime.fromtimestamp(int(ct), dt.timezone.utc),
            subject=subject.strip(),
            trailers=_trailers(trailers),
            changes=tuple(_changes(raw)),
        ))
    return commits


def _trailers(block: str) -> dict[str, str]:
    found = {}
    for line in block.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            found[key.strip().lower()] = value.strip()
    return found


def _changes(raw: str):
    tokens = [t for t in raw.lstrip("\0\n").split("\0")]
    i = 0
    while i < len(tokens):
        meta = tokens[i].strip("\n")
        if not meta.startswith(":"):
            i += 1
            continue
        parts = meta[1:].split()
        new_blob, status = parts[3], parts[4][0]
        if status in "RC":
            old, new = tokens[i + 1], tokens[i + 2]
            i += 3
            if status == "C":   # a copy is a new file as far as notices go
                yield Change("A", new, None, new_blob)
            else:
                yield Change("R", new, old, new_blob)
        else:
            yield Change(status, tokens[i + 1], None, new_blob)
            i += 2


class BlobReader:
    """Blob texts by id, read once each through one persistent git process."""

    def __init__(self, repo: git.Repo):
        self._repo = repo
        self._cache: dict[str, bytes] = {}

    def read(self, blob: str) -> bytes:
        data = self._cache.get(blob)
        if data is None:
            data = self._repo.odb.stream(bytes.fromhex(blob)).read()
            self._cache[blob] = data
        return data
