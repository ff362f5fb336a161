"""Building a Maklumat site the way `make site` does, for the site tests, never in the checkout.

The sample is copied first (`checkout_copy`): a `git clone` of the checkout, so the
sample's history comes along, plus the work tree's uncommitted changes on top, so a
developer's edits are what gets tested, as `make site` would build them. Builds write only
into that copy (.cache/maklumat) and their output folder, never into the checkout.

Every build runs `mkdocs build --strict` in a subprocess with a fixed SOURCE_DATE_EPOCH,
so the tests see exactly what a reader would be served.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))   # tests/, for gitrepo
from gitrepo import run_git  # noqa: E402

PROJECT = Path(__file__).resolve().parents[2]
MKDOCS = Path(sys.executable).with_name("mkdocs")


class BuildError(Exception):
    """The site did not build; the message carries mkdocs's own output."""


def git(repo: Path, *args: str) -> str:
    try:
        return run_git(repo, *args).strip()
    except RuntimeError as exc:
        raise BuildError(f"in {repo}: {exc}") from None


def head_epoch(repo: Path) -> str:
    """The HEAD commit's committer time: the only clock a build may read."""
    return git(repo, "log", "-1", "--format=%ct")


def check_full_history(repo: Path) -> None:
    """Versions come from git history, so a shallow clone builds a wrong site."""
    if git(repo, "rev-parse", "--is-shallow-repository") == "true":
        raise BuildError(f"{repo} is a shallow clone: the site's versions come from the whole "
                         "history; run `git fetch --unshallow` and test again")


def checkout_copy(dest: Path, source: Path = PROJECT) -> Path:
    """A clone of `source` at `dest` with `source`'s uncommitted changes (modified, new
    and deleted files, ignored ones left out) applied to its work tree, uncommitted
    there too: what `make site` in `source` would read, without touching `source`."""
    check_full_history(source)
    dest.parent.mkdir(parents=True, exist_ok=True)
    git(dest.parent, "clone", "-q", "--no-hardlinks", str(source), str(dest))
    git(dest, "checkout", "-q", "--detach", git(source, "rev-parse", "HEAD"))
    changed = git(source, "ls-files", "-z", "--modified", "--others", "--exclude-standard").split("\0")
    deleted = set(git(source, "ls-files", "-z", "--deleted").split("\0"))
    for rel in filter(None, changed):
        target = dest / rel
        if rel in deleted:
            target.unlink(missing_ok=True)
        elif (source / rel).is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / rel, target)
    return dest


def build(repo: Path, dest: Path, *, env: dict[str, str] | None = None,
          epoch: str | None = None) -> Path:
    """Build `repo`'s site into `dest` (strict) and return `dest`. The engine package is
    imported from `repo` (PYTHONPATH), not from wherever it is installed."""
    full_env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": epoch or head_epoch(repo),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(repo), os.environ.get("PYTHONPATH")])),
        **(env or {}),
    }
    done = subprocess.run(
        [str(MKDOCS), "build", "--strict", "-f", str(repo / "mkdocs.yml"), "-d", str(dest)],
        cwd=repo, env=full_env, capture_output=True, text=True, timeout=600,
    )
    if done.returncode != 0:
        raise BuildError(f"`mkdocs build --strict` of {repo} failed (exit {done.returncode}):\n"
                         f"{done.stdout}\n{done.stderr}")
    return dest
