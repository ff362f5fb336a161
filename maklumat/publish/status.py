"""One status model for a version: every banner, label and history mark says what this says.

A version is in force (since D), upcoming (from D), superseded (in force from D1 to D2),
replaced before it took effect (only when the next material version took effect no later
than this one would have), or withdrawn with its notice. Editorial corrections never
supersede: a material version and the corrections after it are one text, "in force since
1 Dec 2026, corrected 3 Dec 2026".
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from maklumat.model import NoticeFile, Version

IN_FORCE, UPCOMING, SUPERSEDED, NEVER, WITHDRAWN = (
    "in-force", "upcoming", "superseded", "never-in-force", "withdrawn")


@dataclass(frozen=True)
class Status:
    state: str                       # one of the five above
    start: dt.date                   # when its rules take (took) effect
    end: dt.date | None              # superseded / never / withdrawn: when it stopped (or was replaced)
    corrects: Version | None         # an editorial version: the material version it corrects
    corrected: Version | None        # the last editorial correction published after it, if any
    replaced_by: Version | None      # the next material version, if any

    @property
    def current_text(self) -> bool:
        """In force or upcoming and not corrected since: this is the text the notice shows."""
        return self.state in (IN_FORCE, UPCOMING) and self.corrected is None


def material_of(f: NoticeFile, v: Version) -> Version:
    """The material version `v` belongs to (itself, or the one its corrections follow)."""
    i = f.index(v)
    while i > 0 and f.versions[i].editorial:
        i -= 1
    return f.versions[i]


def status(f: NoticeFile, v: Version, on: dt.date) -> Status:
    """The status of version `v` of `f` on date `on` (the build date)."""
    i = f.index(v)
    base = material_of(f, v)
    start = base.effective if v.editorial and base is not v else v.effective
    later = f.versions[i + 1:]
    j = next((k for k, w in enumerate(later) if not w.editorial), None)
    replaced_by = later[j] if j is not None else None
    corrections = [w for w in later[:j] if w.editorial]   # up to the next material version (or all)
    end = replaced_by.effective if replaced_by is not None else None
    gone = f.withdrawn_at.date() if f.withdrawn_at else None
    kw = dict(corrects=base if base is not v else None,
              corrected=corrections[-1] if corrections else None, replaced_by=replaced_by)
    if gone is not None and (end is None or gone < end):
        return Status(WITHDRAWN, start, gone, **kw)
    if end is not None and end <= start:
        return Status(NEVER, start, end, **kw)
    if start > on:
        return Status(UPCOMING, start, end, **kw)
    if end is not None and end <= on:
        return Status(SUPERSEDED, start, end, **kw)
    return Status(IN_FORCE, start, end, **kw)


def sentence(s: Status, t, date) -> str:
    """The status in words: `t(key, **fields)` gives the page's words (escaped), `date(d)`
    a date as HTML."""
    start = date(s.start)
    if s.state == WITHDRAWN:
        text = (t("status_withdrawn", start=start, end=date(s.end)) if s.start < s.end
                else t("status_withdrawn_before", end=date(s.end)))
    elif s.state == NEVER:
        text = t("status_never", start=start, end=date(s.end))
    elif s.state == UPCOMING:
        text = t("status_upcoming", start=start)
    elif s.state == SUPERSEDED:
        text = t("status_superseded", start=start, end=date(s.end))
    else:
        text = t("status_in_force", start=start)
    if s.corrected is not None and s.state in (IN_FORCE, UPCOMING):
        text += " " + t("status_corrected", date=date(s.corrected.published))
    return text


def label(s: Status, t) -> str:
    """The short mark in a version list ("in force", "upcoming", "superseded", ...)."""
    key = {IN_FORCE: "status_label_in_force", UPCOMING: "status_label_upcoming",
           SUPERSEDED: "status_label_superseded", NEVER: "status_label_never",
           WITHDRAWN: "status_label_withdrawn"}[s.state]
    if s.state in (IN_FORCE, UPCOMING) and s.corrected is not None:
        key = "status_label_corrected"
    return t(key)
