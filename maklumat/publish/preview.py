"""The editors' preview (`make serve`): what a drafted notice will be after merge, and every problem, on the page.

Only drafts (uncommitted edits, read by `mkdocs serve`) get these panels; a published
build never shows them. They speak the editor's language (`messages_language`), not
the page's: the editor previewing the English page is still the Indonesian editor.
"""
from __future__ import annotations

from html import escape

from maklumat import catalog
from maklumat.markdown import frontmatter
from maklumat.parity import messages


def _say(build, key: str, **fields) -> str:
    return escape(catalog.message(build.settings.messages_lang, key)).format(**fields)


def outcome(build, c, f) -> str:
    """After merge: the effective date and status, and what the history and the feed will get."""
    on, lang = build.settings.build_date, build.settings.messages_lang
    effective = frontmatter.parse(f.draft_text, f.path).effective or on
    days = build.settings.notice_days
    if effective > on:
        when = _say(build, "preview_scheduled", date=c.date(effective), current=c.date(f.in_force(on).effective)
                    if f.in_force(on) else "—")
    else:
        when = _say(build, "preview_on_merge")
    items = [when, _say(build, "preview_records")]
    if days and f.versions and (effective - on).days < days:
        items.append(_say(build, "preview_notice_short", days=days, date=c.date(effective)))
    body = "".join(f"<li>{item}</li>" for item in items)
    return (f'<div class="mk-banner mk-banner-draft mk-preview" role="note" data-mk-skip lang="{escape(lang)}">'
            f'<p><strong>{_say(build, "preview_after_merge")}</strong></p><ul>{body}</ul></div>')


def problems_panel(build, c, f) -> str:
    """Every parity and check problem of this notice (both languages), linked to its section
    where it is on this page; when it has a draft and no problem, says so."""
    notice = build.history.notices.get(f.key)
    paths = {x.path for x in notice.files.values()} if notice else {f.path}
    found = [p for p in build.problem_list if p.path in paths]
    lang = build.settings.messages_lang
    if not found and not any(x.draft_text is not None for x in (notice.files.values() if notice else ())):
        return ""
    if not found:
        return (f'<div class="mk-banner mk-preview-ok" role="note" data-mk-skip lang="{escape(lang)}">'
                f'<p>{_say(build, "preview_no_problems")}</p></div>')
    items = []
    for p in found:
        where = escape(f"{p.path}:{p.line or 1}")
        if p.path == f.path and p.anchor:
            where = f'<a href="#{escape(p.anchor)}">{where}</a>'
        items.append(f"<li>{where}: {escape(messages.text(p, lang, build.settings.prevailing))}</li>")
    title = escape(messages.summary(found, lang, build.settings.prevailing))
    return (f'<section class="mk-banner mk-banner-lag mk-problems" role="note" data-mk-skip lang="{escape(lang)}" '
            f'aria-label="{_say(build, "preview_problems")}"><p><strong>{title}</strong></p>'
            f'<ul>{"".join(items)}</ul></section>')


def draft_dates(build, c, f) -> str:
    """The draft redline's banner: a draft, compared with which published version, taking effect when."""
    last = f.versions[-1]
    effective = frontmatter.parse(f.draft_text, f.path).effective or build.settings.build_date
    return (f'<div class="mk-banner mk-banner-draft" role="note" data-mk-skip lang="{escape(build.settings.messages_lang)}">'
            f'<p>{_say(build, "preview_draft_redline", id=escape(last.id), published=c.date(last.published), effective=c.date(effective))}</p></div>')
