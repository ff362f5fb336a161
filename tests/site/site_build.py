"""Building a Maklumat site the way `make site` does, for the site tests.

Every build runs `mkdocs build --strict` in a subprocess with a fixed
SOURCE_DATE_EPOCH, so the tests see exactly what a reader would be served.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
MKDOCS = Path(sys.executable).with_name("mkdocs")


class BuildError(Exception):
    """The site did not build; the message carries mkdocs's own output."""


def git(repo: Path, *args: str, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})})
    if done.returncode != 0:
        raise BuildError(f"git {' '.join(args)} failed in {repo}:\n{done.stderr}")
    return done.stdout.strip()


def head_epoch(repo: Path) -> str:
    """The HEAD commit's committer time: the only clock a build may read."""
    return git(repo, "log", "-1", "--format=%ct")


def check_full_history(repo: Path) -> None:
    """Versions come from git history, so a shallow clone builds a wrong site."""
    if git(repo, "rev-parse", "--is-shallow-repository") == "true":
        raise BuildError(f"{repo} is a shallow clone: the site's versions come from the whole "
                         "history; run `git fetch --unshallow` and test again")


# Environments, caches and output: never part of what a build reads.
_NOT_SOURCE = {".venv", "node_modules", "site", ".cache", "test-artifacts", "__pycache__",
               ".pytest_cache", ".hypothesis"}


def snapshot(repo: Path, dest: Path) -> Path:
    """Copy the work tree (and .git) so that builds read one state even while people
    edit the shared tree."""
    shutil.copytree(repo, dest, symlinks=True, ignore=lambda _, names: _NOT_SOURCE & set(names))
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
