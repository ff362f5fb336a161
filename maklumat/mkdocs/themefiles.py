"""The theme's static files found, and its templates compiled, once per process, not on every build.

MkDocs 1.6.1 (pinned; 1.x is frozen) looks for them on every build
(`Files.add_files_from_theme`): Jinja lists every file under the theme's folders, and MkDocs
matches each name against its patterns. Material has 14,500 files (its icons): about 60 ms
a build, and static-i18n builds once per language, `mkdocs serve` on every save, the tests
hundreds of times. Here each theme folder's names, and those the patterns keep, are kept in
memory per folder, and each build then does the rest of the original exactly (a theme file a
documentation file of the same path shadows is left out; each file is taken from the first
folder that has it, as MkDocs checks it).

A folder's names are trusted again while every directory under it keeps its mtime: adding,
removing or renaming an entry changes its directory's mtime. A directory changed in the
2 s before it was listed is not trusted (a change in the same clock tick would not show; git
treats "racily clean" files alike): a theme folder just written is listed again each build.

Every Jinja environment the theme makes gets the compiled-template memo (jinjacache.py) too,
not only the one a build renders pages with: Material's search plugin makes its own in
`on_config` to translate its words, and compiled its language templates on every build.
"""
from __future__ import annotations

import fnmatch
import os
import time

from mkdocs import utils
from mkdocs.structure.files import File, Files
from mkdocs.theme import Theme

from maklumat.mkdocs import jinjacache

_ORIGINAL, _GET_ENV = Files.add_files_from_theme, Theme.get_env
RACY_NS = 2_000_000_000
_NAMES: dict[str, tuple[tuple | None, list[str]]] = {}   # folder -> (its directories' mtimes, names)
_KEPT: dict[tuple, list[str]] = {}                     # (folder, patterns) -> names the patterns keep


def _mtimes(dirs) -> tuple | None:
    try:
        return tuple((d, os.stat(d).st_mtime_ns) for d in dirs)
    except OSError:
        return None


def _walk(folder: str) -> tuple[tuple | None, list[str]]:
    """The template names Jinja's FileSystemLoader lists for this one folder (its code,
    jinja2 3.1), and the mtimes that vouch for them (None: not to be trusted)."""
    listed = time.time_ns()
    dirs, names = [], set()
    for dirpath, _, filenames in os.walk(folder, followlinks=False):
        dirs.append(dirpath)
        for filename in filenames:
            template = os.path.join(dirpath, filename)[len(folder):].strip(os.path.sep).replace(os.path.sep, "/")
            names.add(template[2:] if template[:2] == "./" else template)
    mtimes = _mtimes(dirs) if dirs else None   # (a folder not there yet: looked for again)
    if mtimes is not None and any(ns >= listed - RACY_NS for _, ns in mtimes):
        mtimes = None
    return mtimes, sorted(names)


def _names(folder: str) -> list[str]:
    known = _NAMES.get(folder)
    if known is None or known[0] is None or _mtimes(d for d, _ in known[0]) != known[0]:
        _NAMES[folder] = known = _walk(folder)
        for key in [k for k in _KEPT if k[0] == folder]:
            del _KEPT[key]
    return known[1]


def _patterns(config) -> tuple[str, ...]:
    """MkDocs' own, in `add_files_from_theme`'s filter."""
    return ('.*', '*/.*', '*.py', '*.pyc', '*.html', '*readme*', 'mkdocs_theme.yml', 'locales/*',
            *(f'*{x}' for x in utils.markdown_extensions), *config.theme.static_templates)


def _kept(folder: str, patterns: tuple[str, ...]) -> list[str]:
    names = _names(folder)   # (first: a changed folder forgets what the patterns kept)
    key = (folder, patterns)
    if key not in _KEPT:
        _KEPT[key] = [n for n in names if not any(fnmatch.fnmatch(n.lower(), p) for p in patterns)]
    return _KEPT[key]


def _add_files_from_theme(files: Files, env, config) -> None:
    """MkDocs' own, with the listing and the patterns' verdicts kept per folder. `env` is
    the theme's (Theme.get_env: a FileSystemLoader over config.theme.dirs)."""
    patterns = _patterns(config)
    found = sorted({name for folder in config.theme.dirs for name in _kept(folder, patterns)})
    for path in found:
        if files.get_file_from_path(path) is None:
            for folder in config.theme.dirs:
                if os.path.isfile(os.path.join(folder, path)):
                    files.append(File(path, folder, config.site_dir, config.use_directory_urls))
                    break


def _get_env(theme):
    env = _GET_ENV(theme)
    jinjacache.use(env)
    return env


def install() -> None:
    """`on_startup`, any command: the process finds theme files and compiles templates once."""
    Files.add_files_from_theme, Theme.get_env = _add_files_from_theme, _get_env


def uninstall() -> None:
    """MkDocs' own again (tests compare with it)."""
    Files.add_files_from_theme, Theme.get_env = _ORIGINAL, _GET_ENV
