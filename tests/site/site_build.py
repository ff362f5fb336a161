"""Building a Maklumat site the way `make site` does, for the site tests, never in the checkout.

The sample is copied first (gitrepo.checkout_copy): a `git clone` of the checkout, so the
sample's history comes along, plus the work tree's uncommitted changes on top, so a
developer's edits are what gets tested, as `make site` would build them. Builds write only
into that copy (.cache/maklumat) and their output folder, never into the checkout.

Every build runs `mkdocs build --strict` with a fixed SOURCE_DATE_EPOCH (HEAD's commit
time), so the tests see exactly what a reader would be served: `build` in a subprocess,
with the engine imported from the copy; `build_here` in this process (tests/sitebuild.py),
without a new interpreter and its imports.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import sitebuild
from gitrepo import checkout_copy, run_git  # noqa: F401 - checkout_copy: conftest.py imports it here

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


def build_here(repo: Path, dest: Path) -> Path:
    """`build`, run in this process (mkdocs.commands.build, as the CLI calls it)."""
    check_full_history(repo)
    done = sitebuild.build(repo, out=dest, env={"SOURCE_DATE_EPOCH": head_epoch(repo)})
    if done.code != 0:
        raise BuildError(f"`mkdocs build --strict` of {repo} failed:\n{done.output}")
    return dest
