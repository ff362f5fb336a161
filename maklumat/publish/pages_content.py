"""What each kind of page shows around (or instead of) its rendered Markdown."""
from __future__ import annotations

import re
from html import escape

from maklumat.publish import preview, render
from maklumat.publish.strings import language_name


def decoration(build, c: render.Ctx, job, top: list[str]) -> tuple[str, str]:
    """What a page shows around its rendered Markdown: (after its h1, after the whole)."""
    on = build.settings.build_date
    p = job.page
    kind = job.kind
    if kind == "home":
        return "".join(top), _home_list(build, c, on)
    f = p.file
    if kind == "current":
        if not f.versions:
            return "".join(top) + render.banner("draft", c.t("draft")), ""
        shown = build.shown(f, on)
        parts = [render.dates_line(c, f, shown, f.last_material(on)),
                 render.notice_links(c, f, shown, f.url + "feed.xml")]
        parts += top + _lag_banner(build, c, f)
        if build.drafts and f.draft_text is not None:
            parts.append(render.banner("draft", f'{c.t("draft")} <a href="{c.href(render.history_url(f.key) + "draft/changes/")}">{c.t("draft_changes")}</a>'))
            parts.append(preview.outcome(build, c, f))
        if build.drafts:   # the editors' preview: every problem of the notice, on each language's page
            parts.append(preview.problems_panel(build, c, f))
        if shown.effective > on:   # a notice whose first version is still upcoming
            parts.append(render.banner("upcoming", render.status_sentence(c, f, shown, on)))
        for v in f.upcoming(on)[-1:]:
            if v is not shown:
                parts.append(render.upcoming_banner(c, v))
        return "".join(parts), ""
    if kind == "version":
        v = p.version
        own = build.history.notices[f.key].files.get(f.lang) is f   # else an earlier file at this key
        parts = [_nearest(c), render.archived_banner(c, f, v, on, history=own), _version_dates(c, v)] + top
        return "".join(parts), ""
    if kind in ("changes", "draft-changes"):
        draft = preview.draft_dates(build, c, f) if kind == "draft-changes" else ""
        return "", _nearest(c) + draft + "".join(top) + _changes(build, c, f, p.version)
    if kind == "history":
        parts = top + [_withdrawn_note(c, f)] if f.withdrawn_at else top
        feed = f.url + "feed.xml" if f.withdrawn_at is None else "feed.xml"
        links = (f'<p class="mk-links" data-mk-skip><a class="mk-subscribe" href="{c.href(feed)}" '
                 f'type="application/atom+xml">{c.t("subscribe")}</a></p>')
        return "", "".join(parts) + links + render.history_table(c, f, on) + render.compare_form(c, f)
    if kind == "withdrawn":
        return "", "".join(top) + _withdrawn_note(c, f) + _history_link(c, f)
    if kind == "moved":
        link = f'<a href="{c.href(p.other.url)}">{escape(p.other.versions[-1].title)}</a>'
        return "", "".join(top) + render.banner("moved", f'{c.t("moved")} {c.t("moved_to", link=link)}') \
            + _history_link(c, p.other)
    if kind == "missing":
        o = p.other
        language = escape(language_name(o.lang, c.lang))
        body = (f'{c.t("only_in_other", language=language)} '
                f'<a href="{c.href(o.url, o.lang)}" hreflang="{escape(o.lang)}">{c.t("read_in_other", language=language)}</a>')
        return "", "".join(top) + render.banner("missing", body)
    return "", ""


def _version_dates(c: render.Ctx, v) -> str:
    return (f'<p class="mk-dates" data-mk-skip><strong class="mk-version-name">{render.version_name(c, v)}</strong>'
            f' <span class="mk-sep" aria-hidden="true">·</span> '
            f'<span>{c.t("published")}: {c.date(v.published)}</span>'
            f' <span class="mk-sep" aria-hidden="true">·</span> <span class="mk-version">{c.t("version")} {escape(v.id)}</span></p>'
            + render.print_url(c, v))


def _nearest(c) -> str:
    """Shown by reader.js when the language switch found no exact counterpart (switch.py)."""
    return f'<p class="mk-nearest" role="note" data-mk-skip hidden>{c.t("nearest_counterpart")}</p>'


def _withdrawn_note(c, f) -> str:
    return render.banner("withdrawn", c.t("withdrawn", date=c.date(f.withdrawn_at)))


def _history_link(c, f) -> str:
    return f'<p><a class="mk-history-link" href="{c.href(render.history_url(f.key))}">{c.t("history")}</a></p>'


def _home_list(build, c, on) -> str:
    entries = []
    for notice in build.history.notices.values():
        f = notice.files.get(c.lang)
        if f is None or f.withdrawn_at is not None or not f.versions:
            continue
        entries.append((f, build.shown(f, on), f.last_material(on)))
    listing = render.notice_list(c, entries) if entries else f"<p>{c.t('no_versions')}</p>"
    listing += _coming_and_recent(c, [f for f, _, _ in entries], on)
    return listing + (f'<p class="mk-links" data-mk-skip><a class="mk-subscribe" href="{c.href("feed.xml")}" '
                      f'type="application/atom+xml">{c.t("subscribe")}</a></p>')


def _coming_and_recent(c, files, on, recent: int = 5) -> str:
    """What is coming (upcoming versions, by date) and the latest material changes."""
    coming = sorted(((v, f) for f in files for v in f.upcoming(on) if not v.editorial),
                    key=lambda vf: (vf[0].effective, vf[1].key))
    items = [f'<li>{c.t("home_upcoming_item", title=escape(v.title), date=c.date(v.effective))} '
             f'<a href="{c.href(v.changes_url if f.previous(v) else v.url)}">{c.t("see_what_changes")}</a></li>'
             for v, f in coming]
    html = (f'<h2 id="upcoming">{c.t("home_upcoming")}</h2>'
            + (f'<ul class="mk-upcoming">{"".join(items)}</ul>' if items else f'<p>{c.t("home_none_upcoming")}</p>'))
    changed = sorted(((v, f) for f in files for v in f.versions if not v.editorial and f.previous(v) is not None),
                     key=lambda vf: (vf[0].published, vf[0].seq), reverse=True)[:recent]
    if changed:
        rows = [f'<li>{c.date(v.published)}: <a href="{c.href(v.changes_url)}">{escape(v.title)}</a> '
                f'({render.version_name(c, v)}) — {render.summary_html(c, v)}</li>' for v, f in changed]
        html += f'<h2 id="recent">{c.t("home_recent")}</h2><ul class="mk-recent">{"".join(rows)}</ul>'
    return f'<div class="mk-home-changes" data-mk-skip>{html}</div>'


def _lag_banner(build, c, f) -> list[str]:
    lag = build.lag.get(f.key)
    if not lag or lag.status == "in-sync" or c.lang == lag.ahead_lang:
        return []
    ahead = escape(language_name(lag.ahead_lang, c.lang))
    key = "lag_prevailing_behind" if lag.status == "prevailing-behind" else "lag_translation_pending"
    return [render.banner("lag", c.t(key, ahead=ahead, date=c.date(lag.since)))]


def _changes(build, c, f, version) -> str:
    meta = ""
    if version is not None:
        meta = (f'<p class="mk-dates" data-mk-skip><span>{c.t("published")}: {c.date(version.published)}</span>'
                f' <span class="mk-sep" aria-hidden="true">·</span> <span>{c.t("effective")}: {c.date(version.effective)}</span></p>'
                f'<p class="mk-summary-line" data-mk-skip><strong>{c.t("summary")}:</strong> {render.summary_html(c, version)}</p>'
                f'<p class="mk-links" data-mk-skip><a href="{c.href(version.url)}">{render.version_name(c, version)}</a>'
                f' <span class="mk-sep" aria-hidden="true">·</span> <a href="{c.href(render.history_url(f.key))}">{c.t("history")}</a></p>')
    result = build.redline(f, version)
    key = version.key if version is not None else f.key
    body = render.retarget_links(c, result.html(c.lang), key)
    return meta + result.summary_html(c.lang) + _demote_headings(body)


def _demote_headings(html: str) -> str:
    """The page has its own h1; the notice's headings move one level down beneath it."""
    return re.sub(r"<(/?)h([1-5])\b", lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", html)

