"""Clock sanity: versions whose dates cannot be right are reported with the dates, never silent.

A legal reviewer must see a date the site would show wrongly. Errors (they stop the
build of the commit that introduces them): a commit dated after the build date (its
text would read "not yet published" until then and "last updated" would name a future
day), a version dated before the version before it on the first-parent line (the
version list reads out of order), and a backdated `effective:` (before the publication
day) that is also earlier than the previous version's (that version would read "replaced
before it took effect"; replacing an upcoming version with a later date is fine). A note (reported,
never blocking): a material version whose `effective:` is before its publication day
(retroactive terms; common and legitimate for a migrated first version).

History cannot be changed without rewriting it, so only the commit being built (HEAD,
the new one) is refused; the same problem in an older commit is a note on every build,
else one bad commit would keep the site from ever being published again.
"""
from __future__ import annotations

from dataclasses import dataclass

from maklumat import catalog
from maklumat.errors import MaklumatError
from maklumat.model import SiteHistory, Version

BLOCKING = ("future", "out-of-order", "effective-backwards")
@dataclass(frozen=True)
class ClockProblem:
    kind: str          # one of BLOCKING, or effective-before-published
    version: Version
    message: str


def _when(v: Version) -> str:
    return v.published.strftime("%Y-%m-%d %H:%M %Z")


def problems(history: SiteHistory) -> list[ClockProblem]:
    """Every clock problem in the history, in first-parent order."""
    files = [f for n in history.notices.values() for f in [*n.files.values(), *n.earlier]]
    on = history.settings.build_date
    found: list[tuple[int, ClockProblem]] = []
    lang = history.settings.messages_lang
    for f in files:
        for i, v in enumerate(f.versions):
            what = catalog.say(lang, "clock_what", id=v.id, path=v.path)
            before = f.versions[i - 1] if i else None
            if on is not None and v.published.date() > on:
                found.append((v.seq, ClockProblem("future", v, catalog.say(
                    lang, "clock_future", what=what, when=_when(v), build=on.isoformat(),
                    published=v.published.date().isoformat()))))
            backdated = v.effective < v.published.date()
            if backdated and before is not None and v.effective < before.effective:
                found.append((v.seq, ClockProblem("effective-backwards", v, catalog.say(
                    lang, "clock_effective_backwards", what=what, published=v.published.date().isoformat(),
                    effective=v.effective.isoformat(), before=before.id,
                    before_effective=before.effective.isoformat()))))
            elif backdated and not v.editorial:
                found.append((v.seq, ClockProblem("effective-before-published", v, catalog.say(
                    lang, "clock_effective_before_published", what=what, effective=v.effective.isoformat(),
                    published=v.published.date().isoformat()))))
    # First-parent order: each version commit against the newest one before it.
    commits = sorted({v.seq: v for f in files for v in f.versions}.items())
    for (_, prev), (seq, v) in zip(commits, commits[1:]):
        # Day precision (what pages show); a version after a future-dated one is not to blame.
        if v.published.date() < prev.published.date() and (on is None or prev.published.date() <= on):
            found.append((seq, ClockProblem("out-of-order", v, catalog.say(
                lang, "clock_out_of_order", id=v.id, path=v.path, when=_when(v), before=prev.id,
                before_path=prev.path, before_when=_when(prev)))))
    return [p for _, p in sorted(found, key=lambda t: t[0])]


def enforce(history: SiteHistory) -> list[str]:
    """Raise for a blocking problem of the commit being built; return notes for the rest."""
    found = problems(history)
    new = [p for p in found if p.kind in BLOCKING and p.version.commit == history.head]
    lang = history.settings.messages_lang
    if new:
        words = (f"{p.message} {catalog.message(lang, 'clock_fix_' + p.kind.replace('-', '_'))}" for p in new)
        text = "\n".join(words)
        raise MaklumatError(text, new[0].version.path)
    return [catalog.say(lang, "note", path=p.version.path, message=p.message)
            + (" " + catalog.message(lang, "note_already_published") if p.kind in BLOCKING else "")
            for p in found]
