"""Change summaries per language: `Notice-Summary-<lang>:` trailers, and what is missing.

Readers of each language see the summary written for them (`Notice-Summary-id:`,
`Notice-Summary-en:`); without one, the plain `Notice-Summary:` or the commit subject,
written in the site's commit language (the plugin option `commit_language`, default English),
marked on the page as not translated. History cannot be rewritten, so only the commit being
built is held to the rule, as clock.py does: a commit that gives per-language summaries but
none in the prevailing language is refused; a missing courtesy-language summary is a note.
"""
from __future__ import annotations

from maklumat import catalog
from maklumat.errors import MaklumatError
from maklumat.model import SiteHistory


def enforce(history: SiteHistory) -> list[str]:
    """Raise for the commit being built (HEAD) if it summarises in some languages but not in
    the prevailing one; return notes for its versions that fall back to another language."""
    s = history.settings
    mine = [v for n in history.notices.values() for f in n.files.values() for v in f.versions
            if v.commit == history.head]
    if not mine:
        return []
    given = any(not v.summary_lang for v in mine)     # some Notice-Summary-<lang> trailer
    missing = [v for v in mine if v.lang == s.prevailing and v.summary_lang and v.summary_lang != v.lang]
    if given and missing:
        raise MaklumatError(catalog.say(s.messages_lang, "summaries_missing_prevailing", prevailing=s.prevailing),
                            missing[0].path)
    return [catalog.say(s.messages_lang, "note", path=v.path, message=catalog.say(
                s.messages_lang, "summaries_fallback_note" if v.summary_fallback else "summaries_other_note",
                id=v.id, lang=v.lang, summary_lang=v.summary_lang))
            for v in mine if given and v.summary_lang]   # a commit in the old style: no noise
