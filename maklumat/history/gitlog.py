"""One pass over git: the first-parent commits that touched Markdown files, and blob texts.

A single `git log` lists every commit with its changed paths (renames detected), so
the cost is one process per build however many notices and versions there are. Its
output is read only as NUL-separated fields, by position: NUL is the one byte that can
occur in neither a commit message nor a path. Blob texts come through GitPython's
persistent `cat-file` process.
"""
from __future__ import annotations

import datetime as dt
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import git

from maklumat.errors import MaklumatError

# One field per value; the trailers are git's own trailer block (git's parsing rules:
# the last paragraph, never the subject), so nothing in a subject can pose as a trailer.
_FORMAT = "%H%x00%P%x00%ct%x00%s%x00%(trailers:only,unfold)"
_SHA = re.compile(r"^[0-9a-f]{40}([0-9a-f]{24})?$")
_ZERO = "0" * 40
RENAME_LIMIT = 20000   # rename detection gives up above this many files (git's default: 1000)
REGULAR_MODES = ("100644", "100755")   # 120000 symlink, 160000 submodule: not notice texts
_BLOBS: dict[str, bytes] = {}   # blob id -> bytes, shared by the readers of one process
_KEEP = 512 * 1024 * 1024


@dataclass(frozen=True)
class Change:
    status: str        # A, M, D, R (rename), T (type change)
    path: str          # the path after the commit (before it, for D)
    old_path: str | None
    blob: str          # blob after the commit (zeros for D)
    mode: str = "100644"   # file mode after the commit (before it, for D)
    old_blob: str = _ZERO  # blob before the commit (zeros for A)


@dataclass(frozen=True)
class Commit:
    sha: str
    seq: int
    time: dt.datetime          # committer date, UTC
    subject: str
    trailers: dict[str, str]   # lower-cased keys; the last value wins
    changes: tuple[Change, ...] = field(default=())
    parents: tuple[str, ...] = ()


def open_repo(start: Path) -> git.Repo:
    """The repository that holds `start`, or an error a person can act on."""
    try:
        repo = git.Repo(start, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise MaklumatError.say("git_not_a_repo", str(start)) from None
    try:
        shallow = repo.git.rev_parse("--is-shallow-repository").strip() == "true"
    except git.GitCommandError:
        shallow = False
    if shallow:
        raise MaklumatError.say("git_shallow", str(repo.working_tree_dir))
    return repo


def head_sha(repo: git.Repo) -> str | None:
    try:
        return repo.head.commit.hexsha
    except ValueError:   # no commits yet
        return None


def first_parent_commits(repo: git.Repo, pathspec: str = "*.md") -> list[Commit]:
    """Commits on HEAD's first-parent line that touched a Markdown file anywhere in the
    repository, oldest first (so a notice's life before it moved into docs/<lang>/ is seen).

    Merge commits are compared with their first parent, so a merged pull request
    counts once, at the time it reached the built branch.
    """
    head = head_sha(repo)
    if head is None:
        return []
    # What a commit id names never changes; replace refs and grafts (a different history for
    # the same HEAD) are in the key too. `mkdocs serve` asks again on every save.
    key = (str(Path(repo.git_dir).resolve()), head, pathspec, _replace_refs(repo))
    if key not in _COMMITS:
        _COMMITS.clear()   # one history at a time
        _COMMITS[key] = tuple(_log(repo, pathspec))
    return list(_COMMITS[key])


_COMMITS: dict[tuple, tuple[Commit, ...]] = {}


def _replace_refs(repo: git.Repo) -> tuple:
    """The state of refs/replace (loose and packed) and of info/grafts, which `git log` follows."""
    git_dir = Path(repo.common_dir)
    loose = sorted((p.relative_to(git_dir).as_posix(), p.read_text("ascii", "replace"))
                   for p in (git_dir / "refs" / "replace").rglob("*") if p.is_file())
    packed = git_dir / "packed-refs"
    try:
        packed_text = packed.read_text("ascii", "replace")
    except OSError:
        packed_text = ""
    grafts = git_dir / "info" / "grafts"
    return (tuple(loose), tuple(line for line in packed_text.splitlines() if "refs/replace/" in line),
            grafts.read_bytes() if grafts.is_file() else b"")


def _log(repo: git.Repo, pathspec: str) -> list[Commit]:
    # The machine's git configuration must not change the output's shape (signatures, --follow,
    # a relative diff, another log encoding): everything that matters is set here.
    out = repo.git.execute(
        ["git", "-c", "log.follow=false", "-c", "log.showSignature=false", "-c", "diff.relative=false",
         "log", "--first-parent", "--diff-merges=first-parent", "-M", f"-l{RENAME_LIMIT}", "--raw", "-z",
         "--no-abbrev", "--no-color", "--encoding=UTF-8", "--reverse", f"--format={_FORMAT}", "--", pathspec],
        stdout_as_string=False, strip_newline_in_stdout=False)
    return parse_log(out)


def parse_log(out: bytes) -> list[Commit]:
    """Commits from `git log -z --raw --format=<_FORMAT>` output, read field by field."""
    tokens = out.decode("utf-8", "replace").split("\0")
    commits: list[Commit] = []
    i, n = 0, len(tokens)
    while i < n:
        if tokens[i] == "" or tokens[i] == "\n":
            i += 1
            continue
        if i + 4 >= n or not _SHA.match(tokens[i]):
            raise MaklumatError.say("git_unexpected_log", near=repr(tokens[i][:60]))
        sha, parents, ct, subject, trailers = tokens[i:i + 5]
        i += 5
        changes = []
        while i < n and (tokens[i] == "" or tokens[i].lstrip("\n").startswith(":")):
            meta = tokens[i].lstrip("\n")
            if not meta:
                i += 1
                continue
            parts = meta[1:].split(" ")
            if len(parts) != 5:
                raise MaklumatError.say("git_unexpected_raw", line=repr(meta[:80]))
            old_mode, new_mode, old_blob, new_blob, status = parts
            if status[0] in "RC":
                old, new = tokens[i + 1], tokens[i + 2]
                i += 3
                if status[0] == "C":   # a copy is a new file as far as notices go
                    changes.append(Change("A", new, None, new_blob, new_mode))
                else:
                    changes.append(Change("R", new, old, new_blob, new_mode, old_blob))
            else:
                path = tokens[i + 1]
                i += 2
                mode = old_mode if status[0] == "D" else new_mode
                changes.append(Change(status[0], path, None, new_blob, mode, old_blob))
        commits.append(Commit(
            sha=sha, seq=len(commits),
            time=dt.datetime.fromtimestamp(int(ct), dt.timezone.utc),
            subject=subject.strip(),
            trailers=_trailers(trailers),
            changes=tuple(pair_renames(changes)),
            parents=tuple(parents.split()),
        ))
    return commits


def pair_renames(changes: list[Change]) -> list[Change]:
    """A deletion and an addition of the identical blob in one commit are a rename, whatever
    git's rename detection (its limits and version) made of them."""
    deleted: dict[str, list[Change]] = {}
    for c in changes:
        if c.status == "D" and c.old_blob != _ZERO:
            deleted.setdefault(c.old_blob, []).append(c)
    if not deleted:
        return changes
    paired: set[int] = set()
    out = []
    for c in changes:
        if c.status == "A" and deleted.get(c.blob):
            gone = deleted[c.blob].pop(0)
            paired.add(id(gone))
            out.append(Change("R", c.path, gone.path, c.blob, c.mode, c.blob))
        else:
            out.append(c)
    return [c for c in out if id(c) not in paired]


def _trailers(block: str) -> dict[str, str]:
    found = {}
    for line in block.split("\n"):   # not splitlines(): \x1c-\x1e and \x85 are not line ends here
        key, sep, value = line.partition(":")
        if sep and key.strip():
            found[key.strip().lower()] = value.strip()
    return found


class BlobReader:
    """Blob texts by id, read once each through one persistent git process. A blob id
    names its bytes in any repository: what one build read, the next in the same process
    (`mkdocs serve`, every save) does not read again, up to _KEEP bytes."""

    def __init__(self, repo: git.Repo):
        self._repo = repo
        self._cache = _BLOBS
        if sum(map(len, _BLOBS.values())) > _KEEP:
            _BLOBS.clear()

    def read(self, blob: str) -> bytes:
        data = self._cache.get(blob)
        if data is None:
            data = self._repo.odb.stream(bytes.fromhex(blob)).read()
            self._cache[blob] = data
        return data

    def read_many(self, blobs: list[str]) -> dict[str, bytes]:
        """Many blobs at once: one `git cat-file --batch` run for those not read yet (one
        request and answer per blob through the persistent process costs a round trip each)."""
        todo = [b for b in dict.fromkeys(blobs) if b not in self._cache and _SHA.match(b)]
        if len(todo) > 1:
            out = subprocess.run([git.Git.GIT_PYTHON_GIT_EXECUTABLE or "git", "--git-dir", self._repo.git_dir,
                                  "cat-file", "--batch"], input="\n".join(todo).encode() + b"\n",
                                 capture_output=True, check=True).stdout
            pos = 0
            for blob in todo:
                end = out.index(b"\n", pos)
                header = out[pos:end].split()
                pos = end + 1
                if len(header) == 3 and header[0].decode() == blob:
                    size = int(header[2])
                    self._cache[blob] = out[pos:pos + size]
                    pos += size + 1
        return {b: self.read(b) for b in blobs}
