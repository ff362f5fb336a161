"""Safe reading of the notice tree in the working tree: no symlinks, nothing outside the repository.

A pull request can commit a symlink (`docs/en/x.md -> /etc/passwd` or `-> ../id/x.md`);
reading through it would publish or log files of the machine that builds, or check a
text other than the one published. So every entry under the docs folder is looked at
without following links, and any symlink stops the build and `check` with its path.
"""
from __future__ import annotations

import os
from pathlib import Path

from maklumat import catalog
from maklumat.errors import MaklumatError
from maklumat.model import Settings

def check_tree(repo_root: Path, settings: Settings) -> None:
    """Refuse symlinks anywhere under the docs folder (and the folder itself being one),
    and folders named like notices."""
    root = Path(repo_root)
    docs = root / settings.docs_dir
    for rel_parts in _ancestors(settings.docs_dir):
        path = root.joinpath(*rel_parts)
        if path.is_symlink():
            raise MaklumatError(_symlink_message(path, settings), "/".join(rel_parts))
    if not docs.is_dir():
        return
    for here, dirs, files in os.walk(docs, followlinks=False):
        for name in sorted(dirs + files):
            path = Path(here) / name
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                raise MaklumatError(_symlink_message(path, settings), rel)
            if name.endswith(".md") and path.is_dir():
                raise MaklumatError(catalog.message(settings.messages_lang, "worktree_dir_md"), rel)


def notice_paths(repo_root: Path, settings: Settings) -> dict[str, dict[str, str]]:
    """key -> lang -> repository path, for every notice in the working tree (a
    language's home page, docs/<lang>/index.md, is not a notice)."""
    check_tree(repo_root, settings)
    found: dict[str, dict[str, str]] = {}
    for lang in settings.languages:
        base = repo_root / settings.docs_dir / lang
        for path in sorted(p for p in base.rglob("*.md") if p.is_file()) if base.is_dir() else []:
            key = path.relative_to(base).with_suffix("").as_posix()
            if key != "index":
                found.setdefault(key, {})[lang] = path.relative_to(repo_root).as_posix()
    return dict(sorted(found.items()))


def read_bytes(repo_root: Path, rel: str, settings: Settings) -> bytes:
    """A file under the docs folder, refusing a symlink even if one appeared since the scan."""
    path = Path(repo_root) / rel
    if path.is_symlink():
        raise MaklumatError(_symlink_message(path, settings), rel)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except IsADirectoryError:
        raise MaklumatError(catalog.message(settings.messages_lang, "worktree_dir_md"), rel) from None
    except OSError as exc:
        raise MaklumatError(catalog.say(settings.messages_lang, "worktree_unreadable", reason=exc.strerror), rel) from None
    with os.fdopen(fd, "rb") as handle:
        return handle.read()


def _ancestors(docs_dir: str) -> list[tuple[str, ...]]:
    parts = Path(docs_dir).parts
    return [parts[: i + 1] for i in range(len(parts))]


def _symlink_message(path: Path, settings: Settings) -> str:
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    return catalog.say(settings.messages_lang, "worktree_symlink", target=target, docs=settings.docs_dir)
