"""HTML fragments the site adds around notices: dates, banners, history tables, lists.

Plain functions of the model; the MkDocs adapter places them in pages. Every text is
escaped here, and every link is made relative to the page it appears on, so the site
works from any base path. Fragments that are not the notice's own text carry
`data-mk-skip`, so the in-browser comparison (assets/compare.js) leaves them out.
"""
from __future__ import annotations

import posixpath
import re
from html import escape
from urllib.parse import quote

from maklumat.dates import format_date
from maklumat.model import NoticeFile, Settings, Version, key_url
from maklumat.publish import status
from maklumat.publish.plan import history_dir as history_url
from maklumat.publish.strings import language_name, t
from maklumat.redline.words import script_tag


class Ctx:
    """What every fragment needs: language, settings, the page's own URL, string overrides."""

    def __init__(self, lang: str, settings: Settings, here: str, overrides: dict | None = None):
        self.lang, self.settings, self.here, self.overrides = lang, settings, here, overrides or {}

    def t(self, key: str, **fields) -> str:
        """The string `key`, escaped; `fields` are HTML already (escape plain text first)."""
        return escape(t(self.lang, key, self.overrides)).format(**fields)

    def date(self, d) -> str:
        iso = d.date().isoformat() if hasattr(d, "date") else d.isoformat()
        return f'<time datetime="{iso}">{escape(format_date(d, self.lang, self.settings.timezone))}</time>'

    def href(self, target: str, lang: str | None = None) -> str:
        """Relative link from this page to `target` (a URL without language prefix)."""
        full = self.settings.url_prefix(lang or self.lang) + target
        rel = posixpath.relpath("/" + full, "/" + self.here) if self.here else full
        rel = rel if rel != "." else ""
        if full.endswith("/") and rel and not rel.endswith("/"):
            rel += "/"
        return escape(quote(rel, safe="/#") or "./")   # file names may hold spaces, quotes, '<'...


def dates_line(c: Ctx, f: NoticeFile, shown: Version, last_material: Version | None) -> str:
    updated = last_material or shown
    return (f'<p class="mk-dates" data-mk-skip><span class="mk-updated">{c.t("last_updated")}: {c.date(updated.published)}</span>'
            f' <span class="mk-sep" aria-hidden="true">·</span> '
            f'<span class="mk-effective">{c.t("effective")}: {c.date(shown.effective)}</span>'
            f' <span class="mk-sep" aria-hidden="true">·</span> '
            f'<span class="mk-version">{c.t("version")} <a href="{c.href(shown.url)}"><code>{escape(shown.id)}</code></a></span></p>'
            + print_url(c, shown))


def notice_links(c: Ctx, f: NoticeFile, shown: Version, feed_url: str) -> str:
    """History, the last *material* change (editorial corrections are listed after it), feed."""
    links = [f'<a class="mk-history-link" href="{c.href(history_url(f.key))}">{c.t("history")}</a>']
    material = status.material_of(f, shown)
    if f.previous(material) is not None:
        links.append(f'<a class="mk-changes-link" href="{c.href(material.changes_url)}">'
                     f'{c.t("changes_since_previous")}</a>')
    fixes = f.versions[f.index(material) + 1: f.index(shown) + 1]
    if fixes:
        links.append(f'<span class="mk-corrections">{c.t("corrections_since")} ' + ", ".join(
            f'<a href="{c.href(v.changes_url)}">{c.date(v.published)}</a>' for v in fixes) + "</span>")
    links.append(f'<a class="mk-subscribe" href="{c.href(feed_url)}" type="application/atom+xml">{c.t("subscribe")}</a>')
    return '<p class="mk-links" data-mk-skip>' + ' <span class="mk-sep" aria-hidden="true">·</span> '.join(links) + "</p>"


def banner(kind: str, body: str) -> str:
    return f'<div class="mk-banner mk-banner-{kind}" role="note" data-mk-skip><p>{body}</p></div>'


def upcoming_banner(c: Ctx, upcoming: Version) -> str:
    return banner("upcoming", f'{c.t("upcoming_banner", date=c.date(upcoming.effective))} '
                              f'<a href="{c.href(upcoming.changes_url)}">{c.t("see_what_changes")}</a>')


def status_sentence(c: Ctx, f: NoticeFile, v: Version, on) -> str:
    return status.sentence(status.status(f, v, on), c.t, c.date)


def summary_html(c: Ctx, v: Version) -> str:
    """A version's summary; one written in another language says so (summaries.py)."""
    if not v.summary_fallback:
        return escape(v.summary)
    return (f'<span lang="{escape(v.summary_lang)}">{escape(v.summary)}</span> '
            f'<span class="mk-fallback-note">({c.t("summary_untranslated")})</span>')


def print_url(c: Ctx, v: Version) -> str:
    """Shown on paper only (maklumat.css): the permanent address of the version printed."""
    if not c.settings.site_url:
        return ""
    url = escape(c.settings.site_url + quote(c.settings.url_prefix(c.lang) + v.url))
    return f'<p class="mk-print-url" data-mk-skip>{c.t("permanent_url", url=f"<span>{url}</span>")}</p>'


def version_name(c: Ctx, v: Version) -> str:
    """How people cite a version: by the date it takes effect."""
    return c.t("version_named", date=c.date(v.effective))


def archived_banner(c: Ctx, f: NoticeFile, v: Version, on, history: bool = True) -> str:
    """The status of an archived version, and the way on: the notice, the versions before and
    after, what changed, the history. `history`: the version history at `f`'s key is `f`'s own
    (not so for a withdrawn notice whose path another notice took over)."""
    s = status.status(f, v, on)
    kind = f"archived mk-state-{s.state}"
    body = status.sentence(s, c.t, c.date)
    if s.current_text:
        body += " " + c.t("archived_copy_in_force" if s.state == status.IN_FORCE else "archived_copy_upcoming")
    if f.withdrawn_at is None:
        body += f' <a href="{c.href(f.url)}">{c.t("go_to_notice" if s.current_text else "see_current")}</a>'
    return banner(kind, body) + version_nav(c, f, v, history)


def version_nav(c: Ctx, f: NoticeFile, v: Version, history: bool = True) -> str:
    i = f.index(v)
    links = []
    if i > 0:
        links.append(f'<a class="mk-prev" rel="prev" href="{c.href(f.versions[i - 1].url)}">← {c.t("version_previous")}</a>')
        links.append(f'<a class="mk-changes-link" href="{c.href(v.changes_url)}">{c.t("what_changed")}</a>')
    if i + 1 < len(f.versions):
        links.append(f'<a class="mk-next" rel="next" href="{c.href(f.versions[i + 1].url)}">{c.t("version_next")} →</a>')
    if history:
        links.append(f'<a class="mk-history-link" href="{c.href(history_url(f.key))}">{c.t("history")}</a>')
    return ('<nav class="mk-version-nav mk-links" data-mk-skip>'
            + ' <span class="mk-sep" aria-hidden="true">·</span> '.join(links) + "</nav>") if links else ""


def prevails_statement(c: Ctx, prevailing_url: str) -> str:
    p = c.settings.prevailing
    language, own = escape(language_name(p, c.lang)), escape(language_name(c.lang, c.lang))
    query = "?nearest" if prevailing_url.endswith("?nearest") else ""   # switch.NEAREST: not a path
    target = c.href(prevailing_url[: len(prevailing_url) - len(query)], p) + query
    return (f'<div class="mk-prevails" role="note" data-mk-skip><p lang="{escape(c.lang)}">'
            f'{c.t("prevails", language=language, own=own)} <a href="{target}" '
            f'hreflang="{escape(p)}">{c.t("read_prevailing", language=language)}</a></p></div>')


def history_table(c: Ctx, f: NoticeFile, on) -> str:
    """Every version, newest first, named by its effective date; a list of rows that
    stacks into cards on a narrow screen (assets/maklumat.css)."""
    rows = []
    for v in reversed(f.versions):
        s = status.status(f, v, on)
        changes = (f' <span class="mk-sep" aria-hidden="true">·</span> <a href="{c.href(v.changes_url)}">{c.t("what_changed")}</a>'
                   if f.previous(v) is not None else "")
        rows.append(
            f'<tr class="mk-state-{s.state}"><td><a href="{c.href(v.url)}">{version_name(c, v)}</a>'
            f' <strong class="mk-mark">{status.label(s, c.t)}</strong>'
            f'<br><span class="mk-detail">{c.t("version_detail", date=c.date(v.published), id=_code(v.id))}</span>{changes}</td>'
            f'<td>{summary_html(c, v)}</td>'
            f'<td>{c.t("editorial") if v.editorial else c.t("material")}</td></tr>')
    head = (f'<thead><tr><th scope="col">{c.t("version")}</th>'
            f'<th scope="col">{c.t("summary")}</th><th scope="col">{c.t("kind")}</th></tr></thead>')
    return f'<div class="mk-table-scroll"><table class="mk-history">{head}<tbody>{"".join(rows)}</tbody></table></div>'


def _code(vid: str) -> str:
    return f'<code class="mk-version-id">{escape(vid)}</code>'


def compare_form(c: Ctx, f: NoticeFile) -> str:
    if len(f.versions) < 2:
        return ""
    def options(selected: Version) -> str:
        return "".join(
            f'<option value="{c.href(v.url)}"{" selected" if v is selected else ""}>'
            f'{escape(t(c.lang, "version_named", c.overrides).format(date=format_date(v.effective, c.lang, c.settings.timezone)))}'
            f' ({escape(v.id[:7])})</option>'
            for v in reversed(f.versions))
    return (f'<h2 id="compare">{c.t("compare")}</h2>'
            f'<form id="mk-compare" class="mk-compare" data-mk-compare data-mk-result="mk-compare-result" '
            f'data-lang="{escape(c.lang)}" hidden>'
            f'<p><label for="mk-compare-a">{c.t("compare_from")}</label> '
            f'<select id="mk-compare-a" name="old">{options(f.versions[-2])}</select></p>'
            f'<p><label for="mk-compare-b">{c.t("compare_to")}</label> '
            f'<select id="mk-compare-b" name="new">{options(f.versions[-1])}</select></p>'
            f'<p><button type="submit" class="md-button">{c.t("compare_go")}</button></p></form>'
            f'<div id="mk-compare-result" class="mk-compare-result" tabindex="-1" aria-live="polite"></div>'
            + script_tag(c.lang))


def notice_list(c: Ctx, entries: list[tuple[NoticeFile, Version, Version | None]]) -> str:
    """The home page's list: each notice with its last-updated and effective dates."""
    rows = []
    for f, shown, material in entries:
        updated = material or shown
        rows.append(f'<tr><td><a href="{c.href(f.url)}">{escape(shown.title)}</a></td>'
                    f'<td>{c.date(updated.published)}</td><td>{c.date(shown.effective)}</td></tr>')
    return (f'<table class="mk-notices"><thead><tr><th scope="col">{c.t("notice")}</th>'
            f'<th scope="col">{c.t("last_updated")}</th><th scope="col">{c.t("effective")}</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')



_HREF = re.compile(r'href="([^"]*)"')


def retarget_links(c: Ctx, html: str, key: str) -> str:
    """Links of a notice rendered outside MkDocs (redlines), written as in its Markdown
    source (`cookies.md#retention`), re-aimed at the site's pages from this page."""
    base = posixpath.dirname(key)

    def fix(m: re.Match) -> str:
        target = m.group(1)
        if not target or target.startswith(("#", "/")) or re.match(r"[a-zA-Z][\w+.-]*:", target):
            return m.group(0)
        path, _, frag = target.partition("#")
        resolved = posixpath.normpath(posixpath.join(base, path))
        url = key_url(resolved[:-3]) if resolved.endswith(".md") else resolved
        return f'href="{c.href(url)}{"#" + frag if frag else ""}"'
    return _HREF.sub(fix, html)
