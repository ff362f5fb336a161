"""The language switch: the page in another language that is the same thing as this one.

Rules, in order: a version goes to the version the same commit published in the other
language; failing that, to the other language's version in force on the date this one takes
(took) effect, or its first version if there was none yet. A "what changed" page goes to the
"what changed" page of that version (or the version itself, if it is the other language's
first). History goes to history, a notice to the notice. When the landing page is not the
exact counterpart, its URL carries `?nearest`, and the page says so in one line (reader.js).
`#section` anchors are shared across languages and kept by reader.js on the way.
"""
from __future__ import annotations

import datetime as dt

from maklumat.publish import plan, status
from maklumat.model import NoticeFile, SiteHistory, Version
from maklumat.publish.plan import PlannedPage

NEAREST = "?nearest"


def same_version(f: NoticeFile, v: Version, other: NoticeFile, on: dt.date) -> tuple[Version, bool]:
    """`other`'s counterpart of `f`'s version `v`, and whether it is exact (same commit)."""
    w = other.at_commit(v)
    if w is not None:
        return w, True
    start = status.status(f, v, on).start
    return (other.in_force(start) or other.versions[0]), False


def counterpart(history: SiteHistory, p: PlannedPage, lang: str, on: dt.date) -> str | None:
    """The URL (with the language's prefix) of page `p`'s counterpart in `lang`."""
    prefix = history.settings.url_prefix(lang)
    f = p.file or p.other
    notice = history.notices.get(f.key) if f is not None else None
    other = notice.files.get(lang) if notice else None
    if other is None or not other.versions:
        return prefix + p.url if p.kind == "missing" else None
    if p.version is not None and p.file is not None and p.file.has(p.version):
        w, exact = same_version(p.file, p.version, other, on)
        if p.kind == "changes":
            if other.previous(w) is None:
                return prefix + w.url + NEAREST
            return prefix + w.changes_url + ("" if exact else NEAREST)
        return prefix + w.url + ("" if exact else NEAREST)
    if p.kind in ("history", "changes", "version", "draft-changes"):
        return prefix + plan.history_dir(other.key)
    return prefix + other.url
