"""Change summaries per language: `Notice-Summary-<lang>:` trailers, and what is missing.

Readers of each language see the summary written for them (`Notice-Summary-id:`,
`Notice-Summary-en:`); without one, the plain `Notice-Summary:` or the commit subject,
written in the site's commit language (the plugin option `commit_language`, default English),
marked on the page as not translated. History cannot be rewritten, so only the commit being
built is held to the rule, as clock.py does: a commit that gives per-language summaries but
none in the prevailing language is refused; a missing courtesy-language summary is a note.
"""
from __future__ import annotations

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
        raise MaklumatError(
            f"this commit gives summaries per language but none in the binding language ({s.prevailing}): "
            f"add a 'Notice-Summary-{s.prevailing}: …' line to the commit message (git commit --amend) "
            "and push it again; it is not published yet, so this loses nothing.", missing[0].path)
    return [f"{v.path}: note: version {v.id} has no 'Notice-Summary-{v.lang}:' line; readers of this "
            f"language see the commit's own summary ({v.summary_lang})"
            + (", marked as not translated." if v.summary_fallback else ".")
            for v in mine if given and v.summary_lang]   # a commit in the old style: no noise
