"""Small temporary git repositories for tests, with fixed identities and dates.

Every git call gets its identity and dates from environment variables and reads no
global or system configuration, so a test gives the same commits on any machine. The one
git helper of the suite: also shallow clones (CI checkouts) and `checkout_copy` (the site
tests' copy of the project's checkout).
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

NAME, EMAIL = "Editor Seruni", "editor@seruni.example"

# No global/system config (no autocrlf, signing or hooks from the machine), fixed identity.
BASE_ENV = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_AUTHOR_NAME": NAME, "GIT_AUTHOR_EMAIL": EMAIL,
    "GIT_COMMITTER_NAME": NAME, "GIT_COMMITTER_EMAIL": EMAIL,
    "GIT_TERMINAL_PROMPT": "0",
    "LC_ALL": "C",
}


def git_date(when: str | dt.datetime) -> str:
    """A date git reads unambiguously: an aware datetime or an ISO 8601 string with offset
    becomes git's internal `<epoch> <+hhmm>` form."""
    moment = dt.datetime.fromisoformat(when) if isinstance(when, str) else when
    if moment.tzinfo is None:
        raise ValueError(f"{when!r}: test dates must carry an offset")
    offset = int(moment.utcoffset().total_seconds() // 60)
    sign = "+" if offset >= 0 else "-"
    return f"{int(moment.timestamp())} {sign}{abs(offset) // 60:02d}{abs(offset) % 60:02d}"


def run_git(cwd: Path, *args: str, date: str | dt.datetime | None = None,
            author_date: str | dt.datetime | None = None) -> str:
    env = {**os.environ, **BASE_ENV}
    if date is not None:
        env["GIT_COMMITTER_DATE"] = git_date(date)
        env["GIT_AUTHOR_DATE"] = git_date(author_date if author_date is not None else date)
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"git {' '.join(args)} failed ({done.returncode}): {done.stderr.strip()}")
    return done.stdout


class GitRepo:
    """A working tree in `path` (created with `git init -q -b main`)."""

    def __init__(self, path: Path):
        self.path = Path(path)

    @classmethod
    def init(cls, path: Path) -> "GitRepo":
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        run_git(path, "init", "-q", "-b", "main")
        return cls(path)

    def git(self, *args: str, **dates) -> str:
        return run_git(self.path, *args, **dates)

    # ---- the working tree ------------------------------------------------------
    def write(self, rel: str, content: str | bytes) -> Path:
        """Write exactly these bytes (str is encoded as UTF-8, newlines untouched)."""
        target = self.path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return target

    def read(self, rel: str) -> bytes:
        return (self.path / rel).read_bytes()

    def delete(self, rel: str) -> None:
        self.git("rm", "-q", rel)

    def rename(self, old: str, new: str) -> None:
        (self.path / new).parent.mkdir(parents=True, exist_ok=True)
        self.git("mv", old, new)

    # ---- history ---------------------------------------------------------------
    def commit(self, subject: str, date: str | dt.datetime, *, body: str = "",
               trailers: tuple[str, ...] = (), author_date: str | dt.datetime | None = None) -> str:
        """Stage everything and commit; returns the full commit id. Trailers form the
        message's last paragraph, where `git interpret-trailers` finds them."""
        self.git("add", "-A")
        message = subject + (f"\n\n{body}" if body else "") + ("\n\n" + "\n".join(trailers) if trailers else "")
        self.git("commit", "-q", "--allow-empty", "-m", message, date=date, author_date=author_date)
        return self.head()

    def branch(self, name: str, start: str = "HEAD") -> None:
        self.git("switch", "-q", "-c", name, start)

    def switch(self, name: str) -> None:
        self.git("switch", "-q", name)

    def merge(self, branch: str, subject: str, date: str | dt.datetime, *,
              trailers: tuple[str, ...] = ()) -> str:
        """A merge commit (--no-ff) of `branch` into the current branch."""
        message = subject + ("\n\n" + "\n".join(trailers) if trailers else "")
        self.git("merge", "-q", "--no-ff", "--no-edit", "-m", message, branch, date=date)
        return self.head()

    def squash_merge(self, branch: str, message: str, date: str | dt.datetime) -> str:
        """GitHub's "Squash and merge": the branch's changes as one commit on the current
        branch, with the message GitHub proposes (the pull request's title and description)."""
        self.git("merge", "-q", "--squash", branch, date=date)
        self.git("commit", "-q", "--allow-empty", "--cleanup=whitespace", "-m", message, date=date)
        return self.head()

    def head(self) -> str:
        return self.git("rev-parse", "HEAD").strip()

    def blob_bytes(self, rev: str, rel: str) -> bytes:
        """The committed bytes of `rel` at `rev`, as git stores them."""
        env = {**os.environ, **BASE_ENV}
        return subprocess.run(["git", "cat-file", "blob", f"{rev}:{rel}"], cwd=self.path, env=env,
                              check=True, capture_output=True).stdout


def shallow_clone(source: GitRepo | Path, dest: Path) -> GitRepo:
    """`git clone --depth 1 file://...`: what CI checkouts give by default."""
    src = source.path if isinstance(source, GitRepo) else Path(source)
    run_git(Path(dest).parent, "clone", "-q", "--depth", "1", src.resolve().as_uri(), str(dest))
    return GitRepo(dest)


def checkout_copy(dest: Path, source: Path) -> Path:
    """A clone of `source` at `dest` with `source`'s uncommitted changes (modified, new
    and deleted files, ignored ones left out) applied to its work tree, uncommitted
    there too: what `make site` in `source` would read, without touching `source`."""
    if run_git(source, "rev-parse", "--is-shallow-repository").strip() == "true":
        raise RuntimeError(f"{source} is a shallow clone: the site's versions come from the whole "
                           "history; run `git fetch --unshallow` and test again")
    dest.parent.mkdir(parents=True, exist_ok=True)
    run_git(dest.parent, "clone", "-q", str(source), str(dest))
    run_git(dest, "checkout", "-q", "--detach", run_git(source, "rev-parse", "HEAD").strip())
    # Against HEAD, so staged changes count too (a merge being resolved, `git add`ed edits).
    changed = (run_git(source, "diff", "-z", "--name-only", "--no-renames", "HEAD").split("\0")
               + run_git(source, "ls-files", "-z", "--others", "--exclude-standard").split("\0"))
    deleted = set(run_git(source, "diff", "-z", "--name-only", "--no-renames", "--diff-filter=D", "HEAD").split("\0"))
    for rel in filter(None, changed):
        target = dest / rel
        if rel in deleted:
            target.unlink(missing_ok=True)
        elif (source / rel).is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / rel, target)
    return dest
