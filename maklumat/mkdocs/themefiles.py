"""`mkdocs serve`: the theme's static files found, and its templates compiled, once, not on every save.

MkDocs 1.6.1 (pinned; 1.x is frozen) looks for them on every build
(`Files.add_files_from_theme`): Jinja lists every file under the theme's folders and MkDocs
matches each name against its patterns. Material has 14,500 files (its icons): 0.09 s a
language, twice a save. What it finds depends only on those folders' listings and the
patterns, so during `mkdocs serve` the original runs into an empty `Files` once, and again
only when a listing changed (every folder walked, names compared: a few milliseconds) or the
patterns did. Each build then adds what it found as the original would: a theme file a
documentation file of the same path shadows is left out.

Every Jinja environment the theme makes gets the compiled-template memo (jinjacache.py) too,
not only the one a build renders pages with: Material's search plugin makes its own in
`on_config` to translate its words, and compiled its language templates on every save.
"""
from __future__ import annotations

import os

from mkdocs import utils
from mkdocs.structure.files import File, Files
from mkdocs.theme import Theme

from maklumat.mkdocs import jinjacache

_ORIGINAL, _GET_ENV = Files.add_files_from_theme, Theme.get_env
_FOUND: dict[tuple, tuple[tuple, list[tuple[str, str]]]] = {}   # patterns -> (listings, (path, folder) found)


def _listings(dirs) -> tuple:
    """Every folder's names under the theme's folders, as Jinja's FileSystemLoader walks them."""
    return tuple((folder, tuple(sorted(subdirs)), tuple(sorted(names)))
                 for root in dirs for folder, subdirs, names in os.walk(root))


def _add_files_from_theme(files: Files, env, config) -> None:
    key = (tuple(config.theme.dirs), tuple(config.theme.static_templates), tuple(utils.markdown_extensions))
    listings, found = _FOUND.get(key, ((), None))
    now = _listings(config.theme.dirs)
    if found is None or listings != now:
        probe = Files([])
        _ORIGINAL(probe, env, config)
        found = [(file.src_path, file.src_dir) for file in probe]
        _FOUND[key] = (now, found)
    for path, folder in found:
        if files.get_file_from_path(path) is None:
            files.append(File(path, folder, config.site_dir, config.use_directory_urls))


def _get_env(theme):
    env = _GET_ENV(theme)
    jinjacache.use(env)
    return env


def find_once(serve: bool) -> None:
    """`on_startup`: `mkdocs serve` finds the theme's files and compiles its templates once;
    another command does as MkDocs does."""
    Files.add_files_from_theme, Theme.get_env = (_add_files_from_theme, _get_env) if serve else (_ORIGINAL, _GET_ENV)
    _FOUND.clear()
