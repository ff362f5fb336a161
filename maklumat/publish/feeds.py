"""Changelog feeds: Atom 1.0 and JSON Feed 1.1, per language and per notice.

One entry per material (non-editorial) version of each notice, and one per withdrawal,
announced from the moment it is published, with the date it takes effect. Output
depends only on the history and the build date: no build time is printed, ordering
is total, and an entry's bytes never change once published (its text says when it
takes effect, never whether that day has passed), so a feed reader that compares
entries never sees an old change as new.

Entry ids are tag URIs (RFC 4151), permanent by construction:
    tag:<site host>,<YYYY-MM-DD published>:notice/<key at that version>/<lang>/<version id>
The version id is the commit's, the key is the notice's path *at that version*, and the
date is the commit date: all three are fixed once the commit exists, so no rebuild, later
commit or rename changes the id (a URL would: it moves with a rename or the site).
"""
from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Callable, Mapping, Sequence
from urllib.parse import quote, urlsplit

from maklumat import catalog
from maklumat.dates import format_date, rfc3339, site_today, to_site_tz
from maklumat.errors import MaklumatError
from maklumat.model import NoticeFile, SiteHistory, Version
from maklumat.publish.feeds_text import phrase, words_phrase

ATOM_NS = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)

# summaries[(notice key, lang, version id)] or summaries(notice_file, version) -> the
# redline's section summary (SectionChange objects) between the previous version and this one.
Summaries = Mapping[tuple, Sequence] | Callable[[NoticeFile, Version], Sequence | None] | None

# Characters XML 1.0 forbids (a commit subject can hold any byte but NUL).
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: str) -> str:
    return _NOT_XML.sub("", text)


@dataclass(frozen=True)
class Entry:
    id: str
    notice: str          # the notice's current key (what /notices.json lists)
    version: str | None  # None for a withdrawal
    change: str          # published | updated | withdrawn
    title: str
    url: str
    summary: str
    content_html: str
    published: dt.datetime
    effective: dt.date
    upcoming: bool
    seq: float           # place on the first-parent line: orders commits made in the same second
    summary_lang: str = ""  # set when the summary is in another language (summaries.py)


def build_feeds(history: SiteHistory, lang: str, site_name: str, *,
                summaries: Summaries = None, per_notice: bool = True,
                authority: str | None = None) -> dict[str, bytes]:
    """Every feed of language `lang`, as {site-relative path: bytes}.

    Paths carry the language prefix ("feed.xml", "feed.json", "privacy/feed.xml" for the
    prevailing language; "en/feed.xml", ... for English), so write them under the root
    site directory. `site_name` is the feed title and author (that language's site_name).
    `summaries` gives each version's section-level changes (see `Summaries`; missing
    means none shown). `authority` overrides the tag URI host; set it to the old host
    if the site ever moves, so ids stay the same.
    """
    s = history.settings
    base = _site_url(s.site_url, s.messages_lang)
    host = authority or urlsplit(base).hostname
    today = s.build_date or site_today(s.timezone)
    prefix = base + s.url_prefix(lang)
    files = [n.files[lang] for n in history.notices.values() if lang in n.files]
    per_file = {id(f): _entries(f, history, lang, prefix, host, today, summaries) for f in files}
    first = min((v.published for f in history.notices.values() for nf in f.files.values()
                 for v in nf.versions), default=None)
    tag_day = to_site_tz(first, s.timezone).date() if first else today

    out: dict[str, bytes] = {}
    home = s.url_prefix(lang)
    feed = _Feed(id=f"tag:{host},{tag_day.isoformat()}:feed/{lang}", lang=lang, title=site_name,
                 subtitle=phrase(lang, "subtitle"), author=site_name, home=prefix,
                 self_atom=f"{prefix}feed.xml", self_json=f"{prefix}feed.json")
    everything = _ordered([e for entries in per_file.values() for e in entries])
    out[f"{home}feed.xml"] = _atom(feed, everything)
    out[f"{home}feed.json"] = _json(feed, everything)
    if per_notice:
        for f in files:
            entries = _ordered(per_file[id(f)])
            if not entries or f.withdrawn_at is not None or not f.url:
                continue   # nothing to follow, or no notice page to hang the feed on
            start = f.versions[0]
            page = prefix + _q(f.url)
            title = f.versions[-1].title
            nfeed = _Feed(
                id=f"tag:{host},{_day(start, s.timezone)}:feed/notice/{_q(start.key)}/{lang}",
                lang=lang, title=f"{clean(title)} — {site_name}",
                subtitle=phrase(lang, "notice_subtitle", title=clean(title)), author=site_name,
                home=page, self_atom=f"{page}feed.xml", self_json=f"{page}feed.json")
            # keys are file paths (unquoted, as MkDocs writes the page beside them)
            out[f"{home}{f.url}feed.xml"] = _atom(nfeed, entries)
            out[f"{home}{f.url}feed.json"] = _json(nfeed, entries)
    return out


def _site_url(url: str, lang: str) -> str:
    if not url or not url.strip():
        raise MaklumatError(catalog.message(lang, "feeds_no_site_url"))
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise MaklumatError(catalog.say(lang, "feeds_bad_site_url", url=repr(url)))
    return url.strip().rstrip("/") + "/"


def _q(path: str) -> str:
    return quote(path, safe="/")


def _day(v: Version, tz: str) -> str:
    return to_site_tz(v.published, tz).date().isoformat()


def _entries(f: NoticeFile, history: SiteHistory, lang: str, prefix: str, host: str,
             today: dt.date, summaries: Summaries) -> list[Entry]:
    tz = history.settings.timezone
    entries = []
    for i, v in enumerate(f.versions):
        if v.editorial:
            continue
        first = i == 0
        effective = format_date(v.effective, lang, tz)
        title = clean(v.title)
        changes = None if first else _summary_for(summaries, f, v)
        link = prefix + _q(v.url if first else v.changes_url)
        content = [("p", clean(v.summary)),
                   ("p", phrase(lang, "effective_first" if first else "effective", date=effective))]
        content += _section_list(lang, changes, link)
        content.append(("a", phrase(lang, "read_version" if first else "see_changes"), link))
        entries.append(Entry(
            id=f"tag:{host},{_day(v, tz)}:notice/{_q(v.key)}/{lang}/{v.id}",
            notice=f.key, version=v.id, change="published" if first else "updated",
            title=phrase(lang, "title_first" if first else "title_update", title=title, date=effective),
            url=link, summary=clean(v.summary), content_html=_html(content),
            published=to_site_tz(v.published, tz), effective=v.effective, upcoming=v.effective > today,
            seq=v.seq, summary_lang=v.summary_lang if v.summary_fallback else ""))
    if f.withdrawn_at is not None and f.versions:
        when = to_site_tz(f.withdrawn_at, tz)
        date = format_date(when, lang, tz)
        title = clean(f.versions[-1].title)
        link = prefix + _q(f.url)
        text = phrase(lang, "withdrawn_text", date=date)
        entries.append(Entry(
            id=f"tag:{host},{when.date().isoformat()}:notice/{_q(f.key)}/{lang}/withdrawn",
            notice=f.key, version=None, change="withdrawn",
            title=phrase(lang, "title_withdrawn", title=title, date=date), url=link, summary=text,
            content_html=_html([("p", text), ("a", phrase(lang, "read_withdrawn"), link)]),
            published=when, effective=when.date(), upcoming=False, seq=f.versions[-1].seq + 0.5))
    return entries


def _summary_for(summaries: Summaries, f: NoticeFile, v: Version):
    if summaries is None:
        return None
    if callable(summaries):
        return summaries(f, v)
    return summaries.get((f.key, f.lang, v.id))


def _section_list(lang: str, changes, link: str) -> list:
    if not changes:
        return []
    items = []
    for c in changes:
        if c.kind not in ("added", "removed", "moved", "changed"):
            raise ValueError(f"unknown section change kind {c.kind!r}")
        words = words_phrase(lang, c.words_inserted, c.words_deleted)
        href = f"{link}#{quote(c.anchor, safe='')}" if c.anchor else None
        items.append((phrase(lang, c.kind), clean(c.title or "") or phrase(lang, "intro"), href,
                      f" ({words})" if words else ""))
    return [("p", phrase(lang, "sections")), ("ul", items)]


def _html(blocks: list) -> str:
    """A well-formed HTML fragment from (tag, ...) blocks; every URL is already absolute."""
    parts = []
    for block in blocks:
        tag = block[0]
        if tag == "p":
            el = ET.Element("p")
            el.text = block[1]
        elif tag == "a":
            el = ET.Element("p")
            ET.SubElement(el, "a", href=block[2]).text = block[1]
        else:
            el = ET.Element("ul")
            for kind, title, href, words in block[1]:
                li = ET.SubElement(el, "li")
                li.text = f"{kind}: "
                if href:
                    a = ET.SubElement(li, "a", href=href)
                    a.text, a.tail = title, words
                else:
                    li.text += title + words
        parts.append(ET.tostring(el, encoding="unicode", short_empty_elements=False))
    return "".join(parts)


def _ordered(entries: list[Entry]) -> list[Entry]:
    """Newest first (commits in the same second: the later one first), then by notice
    key and id, so the order is total and the same on every build."""
    entries = sorted(entries, key=lambda e: (e.notice, e.id))
    return sorted(entries, key=lambda e: (e.published, e.seq), reverse=True)


@dataclass(frozen=True)
class _Feed:
    id: str
    lang: str
    title: str
    subtitle: str
    author: str
    home: str
    self_atom: str
    self_json: str


def _updated(entries: list[Entry]) -> dt.datetime:
    # The newest entry's date, never the build time: an unchanged history gives an unchanged feed.
    return max((e.published for e in entries), default=EPOCH)


def _atom(feed: _Feed, entries: list[Entry]) -> bytes:
    root = ET.Element("feed", {"xmlns": ATOM_NS, XML_LANG: feed.lang})

    def sub(parent, tag, text=None, **attrs):
        el = ET.SubElement(parent, tag, attrs)
        el.text = text
        return el

    sub(root, "id", feed.id)
    sub(root, "title", clean(feed.title), type="text")
    sub(root, "subtitle", feed.subtitle, type="text")
    sub(root, "updated", rfc3339(_updated(entries)))
    sub(root, "link", rel="self", type="application/atom+xml", href=feed.self_atom)
    sub(root, "link", rel="alternate", type="text/html", href=feed.home)
    sub(sub(root, "author"), "name", clean(feed.author))
    sub(root, "generator", "Maklumat")
    for e in entries:
        entry = sub(root, "entry")
        sub(entry, "id", e.id)
        sub(entry, "title", e.title, type="text")
        sub(entry, "published", rfc3339(e.published))
        sub(entry, "updated", rfc3339(e.published))
        sub(entry, "link", rel="alternate", type="text/html", href=e.url)
        summary = sub(entry, "summary", e.summary, type="text")
        if e.summary_lang:   # a summary not yet written in the feed's language says which it is in
            summary.set("{http://www.w3.org/XML/1998/namespace}lang", e.summary_lang)
        sub(entry, "content", e.content_html, type="html")
    ET.indent(root, "  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _json(feed: _Feed, entries: list[Entry]) -> bytes:
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": clean(feed.title),
        "description": feed.subtitle,
        "home_page_url": feed.home,
        "feed_url": feed.self_json,
        "language": feed.lang,
        "authors": [{"name": clean(feed.author)}],
        "items": [{
            "id": e.id,
            "url": e.url,
            "title": e.title,
            "content_html": e.content_html,
            "summary": e.summary,
            "date_published": rfc3339(e.published),
            "date_modified": rfc3339(e.published),
            "language": feed.lang,
            "_maklumat": {"notice": e.notice, "version": e.version, "change": e.change,
                          "effective": e.effective.isoformat(), "upcoming": e.upcoming},
        } for e in entries],
    }
    text = json.dumps(doc, ensure_ascii=False, indent=2)
    # Same JSON value, but no raw "<", ">" or "&" in the bytes: a title such as
    # "<script>" can never be taken for markup by anything that sniffs the file.
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                    ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return (text + "\n").encode("utf-8")
