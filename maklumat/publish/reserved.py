"""The site's own URLs are reserved: no notice, file or folder under docs/<lang>/ may take one.

MkDocs copies everything under docs/<lang>/ to the site, and the build generates pages,
feeds and the manifest beside the editors' files. A file at a generated URL would
replace a published page (an archived version's permanent text) or be replaced by it,
silently. One function, `reason`, decides; the build and `maklumat new` both ask it.
"""
from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from maklumat import catalog
from maklumat.errors import MaklumatError
from maklumat.model import Settings, SiteHistory, key_url

# A name anywhere in a path: the per-notice pages and feeds live under every notice's URL.
# Values are catalog keys (reserved_<what>) naming what the site publishes there.
_ANYWHERE = {"versions": "versions", "feed.xml": "feeds", "feed.json": "feeds"}
# A name at the top of a language's folder: the site's own files there.
_TOP = {"notices.json": "manifest", "sitemap.xml": "sitemap", "sitemap.xml.gz": "sitemap",
        "404.html": "404", "search": "search", "assets": "assets"}


def reason(rel: str, lang: str, settings: Settings, *, is_dir: bool = False, home_ok: bool = True) -> str | None:
    """Why docs/<lang>/<rel> may not exist (an editor-facing message naming the URL it
    would take), or None. `home_ok`: docs/<lang>/index.md is the language's home page
    (False for `maklumat new`, which writes notices only)."""
    parts = PurePosixPath(rel).parts
    if not parts:
        return None
    names = [p[:-3] if (i == len(parts) - 1 and not is_dir and p.endswith(".md")) else p
             for i, p in enumerate(parts)]
    url = "/" + settings.url_prefix(lang) + _url(rel, is_dir)
    what = None
    for name in names:
        what = what or _ANYWHERE.get(name)
    if what is None:
        what = _TOP.get(names[0]) or _TOP.get(parts[0])
    words = settings.messages_lang
    if what is not None:
        what = catalog.message(words, "reserved_" + what)
    if what is None and lang == settings.root_lang and names[0] in settings.languages and names[0] != lang:
        from maklumat.publish.strings import language_name
        what = catalog.say(words, "reserved_language", language=language_name(names[0], words), lang=names[0])
    if what is None and not home_ok and names == ["index"]:
        what = catalog.message(words, "reserved_home")
    if what is None:
        return None
    return catalog.say(words, "reserved_name", url=url, what=what,
                       anywhere=", ".join(sorted(_ANYWHERE)), top=", ".join(sorted(_TOP)),
                       languages=", ".join(c for c in settings.languages if c != settings.root_lang),
                       root=f"{settings.docs_dir}/{settings.root_lang}/")


def check_tree(repo_root: Path, settings: Settings) -> None:
    """Every file under docs/<lang>/ in the working tree (what MkDocs copies to the site;
    a folder only matters through its files, so the message names the file)."""
    for lang in settings.languages:
        base = Path(repo_root) / settings.docs_dir / lang
        if not base.is_dir():
            continue
        for here, dirs, files in os.walk(base, followlinks=False):
            dirs.sort()
            for name in sorted(files):
                rel = (Path(here) / name).relative_to(base).as_posix()
                why = reason(rel, lang, settings)
                if why:
                    raise MaklumatError(why, f"{settings.docs_dir}/{lang}/{rel}")


def check_history(history: SiteHistory) -> None:
    """The notices committed at HEAD (the build publishes them even if the working tree lacks them)."""
    s = history.settings
    for notice in history.notices.values():
        for lang, f in notice.files.items():
            if f.withdrawn_at is None:
                why = reason(f"{f.key}.md", lang, s)
                if why:
                    raise MaklumatError(why, f.path)


def _url(rel: str, is_dir: bool) -> str:
    if is_dir:
        return rel + "/"
    if rel.endswith(".md"):
        return key_url(rel[:-3])
    return rel
