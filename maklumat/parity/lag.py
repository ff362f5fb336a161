"""Translation lag from history: which language moved last without the other.

The state machine walks a notice's versions in commit order (oldest first):
- a commit that changes both languages leaves them in sync;
- a commit that changes one language puts it ahead, unless the other was ahead, in
  which case this is the counterpart and they are in sync again;
- a one-language commit with the trailer `Notice-Translation: not-needed` and an
  editorial version (`Notice-Change: editorial`) do not move the state.
"since" is the first commit at which the texts fell out of step; it stays put while
the same language keeps moving ahead.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby

from maklumat.model import Notice, Version

IN_SYNC, PREVAILING_BEHIND, TRANSLATION_PENDING = "in-sync", "prevailing-behind", "translation-pending"


@dataclass(frozen=True)
class LagState:
    status: str                        # in-sync | prevailing-behind | translation-pending
    ahead_lang: str | None = None      # the language that moved without the other
    since: dt.datetime | None = None   # when the texts fell out of step
    since_version: Version | None = None

    @property
    def severity(self) -> str | None:
        """A binding text older than its translation is severe: readers of the
        translation are told of terms that do not (yet) bind."""
        return {PREVAILING_BEHIND: "error", TRANSLATION_PENDING: "warning"}.get(self.status)


def lag_state(notice: Notice, prevailing: str, other: str | None = None) -> LagState:
    """The lag between the prevailing text and `other` (by default the notice's first
    other language). A notice in one language only is ahead since its first version."""
    if other is None:
        other = next((lang for lang in sorted(notice.files) if lang != prevailing), None)
    langs = [lang for lang in (prevailing, other) if lang is not None]
    versions = [v for lang in langs if lang in notice.files for v in notice.files[lang].versions]
    versions.sort(key=lambda v: (v.seq, v.lang))
    ahead: str | None = None
    first: Version | None = None
    for _, group in groupby(versions, key=lambda v: v.seq):
        commit = [v for v in group if not v.editorial]
        changed = {v.lang for v in commit}
        if not changed:
            continue
        if len(changed) == len(langs):
            ahead, first = None, None
            continue
        if any(v.translation_not_needed for v in commit):
            continue
        (lang,) = changed
        if ahead is None:
            ahead, first = lang, commit[0]
        elif ahead != lang:
            ahead, first = None, None      # the counterpart arrived: caught up
    if ahead is None:
        return LagState(IN_SYNC)
    status = TRANSLATION_PENDING if ahead == prevailing else PREVAILING_BEHIND
    return LagState(status, ahead, first.published, first)


def lag_message(state: LagState, prevailing: str, lang_name) -> str:
    """One sentence for an editor, naming the commit where the texts parted."""
    v = state.since_version
    when = f"{state.since:%Y-%m-%d}" if state.since else "an unknown date"
    ref = f" (commit {v.id}: \"{v.summary}\")" if v is not None else ""
    ahead = lang_name(state.ahead_lang)
    if state.status == PREVAILING_BEHIND:
        return (f"The {ahead} text was changed on {when}{ref} without a matching change to the "
                f"{lang_name(prevailing)} text, which prevails: the binding text is behind its translation. "
                f"Bring the {lang_name(prevailing)} text in line, or mark the {ahead} change with the trailer "
                f"'Notice-Translation: not-needed' if it needs no counterpart.")
    return (f"Translation pending: the {ahead} text was changed on {when}{ref} and this text has not "
            f"been updated to match yet.")
