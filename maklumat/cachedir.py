"""Where a build keeps what it worked out: `.cache/maklumat/` in the repository.

The folder carries its own `.gitignore` (`*`, as pytest's cache does), written when the folder
is made: a site that adopted the plugin with one line in mkdocs.yml has no rule for it in its
own `.gitignore`, and an editor's `git add -A` would otherwise commit hundreds of megabytes
of pages into the history every build reads.
"""
from __future__ import annotations

from pathlib import Path

IGNORE = "# Made by Maklumat: its build cache, never committed.\n*\n"


def of(repo_root: Path) -> Path:
    """The repository's cache folder, made (git-ignored) if it is not there."""
    folder = Path(repo_root) / ".cache" / "maklumat"
    ignore = folder / ".gitignore"
    if not ignore.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        ignore.write_text(IGNORE, encoding="utf-8")
    return folder
