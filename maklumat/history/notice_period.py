"""The notice period: a material change must be published `notice_days` before it takes effect.

UU PDP 27/2022 Art. 21(2) asks that data subjects be told of changes before they apply;
a site promises a minimum (`notice_days`, 0 = no promise). A version counts when it is
material (not `Notice-Change: editorial`), replaces an earlier version (a first
publication changes nothing readers relied on) and is not waived with the trailer
`Notice-Period: not-needed` (a change that only benefits readers). As in clock.py, only
the commit being built (HEAD) is refused; an older violation is already published and
cannot be undone, so it is a note on every build.
"""
from __future__ import annotations

import datetime as dt

from maklumat import catalog
from maklumat.model import SiteHistory, Version
from maklumat.parity.checks import Problem


def violations(history: SiteHistory) -> list[Version]:
    """One version per commit (the prevailing language's when it changed) that gives
    fewer than `notice_days` days' notice."""
    days = history.settings.notice_days
    if days <= 0:
        return []
    prevailing = history.settings.prevailing
    found: dict[tuple[str, str], Version] = {}
    for key, notice in history.notices.items():
        for f in sorted([*notice.files.values(), *notice.earlier], key=lambda f: f.lang != prevailing):
            for before, v in zip(f.versions, f.versions[1:]):
                if v.editorial or v.notice_waived or (v.effective - v.published.date()).days >= days:
                    continue
                found.setdefault((key, v.commit), v)
    return sorted(found.values(), key=lambda v: (v.seq, v.path))


def _fields(v: Version, days: int) -> tuple:
    return (("published", v.published.date().isoformat()), ("effective", v.effective.isoformat()),
            ("days", (v.effective - v.published.date()).days), ("notice_days", days),
            ("earliest", (v.published.date() + dt.timedelta(days=days)).isoformat()))


def problems(history: SiteHistory) -> list[Problem]:
    """The violations of the commit being built: they stop a strict build and `check`."""
    days = history.settings.notice_days
    out = []
    for v in violations(history):
        if v.commit != history.head:
            continue
        message = (f"version {v.id} is a material change published on {v.published.date()} that takes effect "
                   f"on {v.effective}: fewer than the {days} days' notice this site promises.")
        out.append(Problem("notice-period", "error", message, v.path, _effective_line(history, v), v.lang,
                           fields=_fields(v, days)))
    return out


def notes(history: SiteHistory) -> list[str]:
    """Older violations: reported, never blocking (they are published already)."""
    days = history.settings.notice_days
    lang = history.settings.messages_lang
    return [catalog.say(lang, "note", path=v.path, message=catalog.say(
                lang, "notice_period_note", id=v.id, published=v.published.date().isoformat(),
                effective=v.effective.isoformat(), given=(v.effective - v.published.date()).days, days=days))
            + " " + catalog.message(lang, "note_already_published")
            for v in violations(history) if v.commit != history.head]


def _effective_line(history: SiteHistory, v: Version) -> int:
    for n, line in enumerate(history.text(v).splitlines(), start=1):
        if line.startswith("effective:"):
            return n
    return 1
