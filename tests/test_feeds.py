"""Changelog feeds (maklumat/feeds.py): Atom 1.0 and JSON Feed 1.1 per language.

Most tests build the history model directly; the last ones read a real git
repository made in tmp_path with fixed dates, through maklumat.history.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections import namedtuple
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import feedparser
import pytest

from clock import shifted_env
from gitrepo import GitRepo
from maklumat.errors import MaklumatError
from maklumat.publish.feeds import build_feeds
from maklumat.model import Notice, NoticeFile, Settings, SiteHistory, TextStore, Version

SITE = "https://privasi.seruni.example/"
NAME = {"id": "Seruni — Pemberitahuan Privasi", "en": "Seruni — Privacy Notices"}
JKT = ZoneInfo("Asia/Jakarta")
A = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)")
SCRIPT_SUBJECT = "Tambah <script>alert(1)</script> & cookie"
# The redline engine's contract: redline(old, new).summary is a list of these.
SectionChange = namedtuple("SectionChange", "kind anchor title words_inserted words_deleted")


class DictStore(TextStore):
    def __init__(self, texts=None):
        self.texts = texts or {}

    def text(self, blob):
        return self.texts[blob]


def version(vid, seq, lang, key, published, effective, summary, *, editorial=False, title=None):
    vid = (vid * 12)[:12]
    return Version(id=vid, commit=vid + "0" * 28, seq=seq, lang=lang, path=f"docs/{lang}/{key}.md",
                   key=key, blob=f"{vid}-{lang}", published=published, effective=effective,
                   summary=summary, editorial=editorial, translation_not_needed=False,
                   sha256="0" * 64,
                   title=title or {"id": "Kebijakan Privasi", "en": "Privacy Notice"}[lang])


def privacy(lang):
    return NoticeFile(lang, "privacy", f"docs/{lang}/privacy.md", [
        version("a1", 0, lang, "privacy", dt.datetime(2025, 1, 3, 10, tzinfo=JKT),
                dt.date(2025, 1, 10), "Terbitkan pemberitahuan privasi"),
        version("b2", 1, lang, "privacy", dt.datetime(2025, 2, 1, 9, tzinfo=JKT),
                dt.date(2025, 2, 1), "Perbaiki salah ketik", editorial=True),
        version("c3", 2, lang, "privacy", dt.datetime(2025, 3, 1, 9, tzinfo=JKT),
                dt.date(2025, 3, 15), SCRIPT_SUBJECT),
        version("d4", 3, lang, "privacy", dt.datetime(2026, 11, 2, 10, tzinfo=JKT),
                dt.date(2027, 1, 15), "Masa retensi data diubah"),
    ])


def cookies(lang):
    title = {"id": "Kebijakan Kuki", "en": "Cookie Policy"}[lang]
    return NoticeFile(lang, "cookies", f"docs/{lang}/cookies.md", [
        # Same commit as privacy's d4: same instant, so the notice key breaks the tie.
        version("d4", 3, lang, "cookies", dt.datetime(2026, 11, 2, 10, tzinfo=JKT),
                dt.date(2026, 11, 2), "Terbitkan kebijakan kuki", title=title),
    ])


def make_history(build_date=dt.date(2026, 11, 20), site_url=SITE, files=None):
    files = files if files is not None else [privacy("id"), privacy("en"), cookies("id"), cookies("en")]
    notices = {}
    for f in files:
        notices.setdefault(f.key, Notice(f.key)).files[f.lang] = f
    settings = Settings(site_url=site_url, build_date=build_date)
    return SiteHistory(settings, "d4" * 20, dict(sorted(notices.items())), DictStore())


def feeds(history=None, lang="id", **kw):
    return build_feeds(history or make_history(), lang, NAME.get(lang, "Seruni"), **kw)


def entries_of(xml: bytes):
    return ET.fromstring(xml).findall(f"{A}entry")


def text_of(el, tag):
    return el.find(f"{A}{tag}").text


def material_ids(lang, files):
    return {f"{v.id}" for f in files for v in f.versions if not v.editorial}


# --- RFC 4287 and JSON Feed 1.1, checked by hand (feedparser only catches bad XML) ---

def absolute(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def check_rfc3339(stamp: str) -> dt.datetime:
    assert RFC3339.fullmatch(stamp), stamp
    return dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def check_html_fragment(html: str) -> list[str]:
    """Well-formed, and every link absolute; returns the hrefs."""
    root = ET.fromstring(f"<div>{html}</div>")
    hrefs = [a.get("href") for a in root.iter("a")]
    assert all(h and absolute(h) for h in hrefs), hrefs
    assert all(el.get("src") is None or absolute(el.get("src")) for el in root.iter())
    return hrefs


def check_atom(xml: bytes, self_url: str) -> ET.Element:
    assert xml.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    root = ET.fromstring(xml)
    assert root.tag == f"{A}feed"
    assert root.get(XML_LANG) in ("id", "en")
    for tag in ("id", "title", "updated"):           # 4.1.1: exactly one each
        assert len(root.findall(f"{A}{tag}")) == 1, tag
    assert urlsplit(text_of(root, "id")).scheme == "tag"
    updated = check_rfc3339(text_of(root, "updated"))
    links = root.findall(f"{A}link")
    assert [l.get("href") for l in links if l.get("rel") == "self"] == [self_url]
    alternates = [(l.get("type"), l.get("hreflang")) for l in links if l.get("rel") == "alternate"]
    assert len(alternates) == 1 and len(set(alternates)) == len(alternates)
    assert all(absolute(l.get("href")) for l in links)
    assert root.find(f"{A}author/{A}name").text       # feed-level author covers every entry
    gen = root.find(f"{A}generator")
    assert gen is not None and not re.search(r"\d", gen.text + "".join(gen.attrib.values()))
    ids = [text_of(root, "id")]
    newest = None
    for e in root.findall(f"{A}entry"):
        for tag in ("id", "title", "updated"):       # 4.1.2: exactly one each
            assert len(e.findall(f"{A}{tag}")) == 1, tag
        assert len(e.findall(f"{A}published")) <= 1 and len(e.findall(f"{A}summary")) <= 1
        ids.append(text_of(e, "id"))
        assert urlsplit(ids[-1]).scheme == "tag"
        up, pub = check_rfc3339(text_of(e, "updated")), check_rfc3339(text_of(e, "published"))
        assert pub <= up
        newest = max(newest or up, up)
        elinks = e.findall(f"{A}link")
        assert [l.get("rel") for l in elinks] == ["alternate"] and absolute(elinks[0].get("href"))
        content = e.find(f"{A}content")
        assert content.get("type") == "html"
        assert elinks[0].get("href") in check_html_fragment(content.text)
    assert len(ids) == len(set(ids)), "ids must be unique"
    if newest is not None:
        assert updated == newest, "feed updated must be its newest entry's"
    return root


def check_json_feed(raw: bytes, feed_url: str) -> dict:
    doc = json.loads(raw)
    assert doc["version"] == "https://jsonfeed.org/version/1.1"
    assert doc["title"] and doc["feed_url"] == feed_url and absolute(doc["home_page_url"])
    assert doc["language"] in ("id", "en") and doc["authors"][0]["name"]
    ids = [i["id"] for i in doc["items"]]
    assert len(ids) == len(set(ids))
    for item in doc["items"]:
        assert absolute(item["url"]) and item["title"] and item["summary"]
        assert item["url"] in check_html_fragment(item["content_html"])
        assert check_rfc3339(item["date_published"]) <= check_rfc3339(item["date_modified"])
        assert set(item["_maklumat"]) >= {"notice", "version", "effective", "upcoming"}
        dt.date.fromisoformat(item["_maklumat"]["effective"])
    return doc


# --- the feeds ---

def test_paths_per_language():
    assert set(feeds(lang="id")) == {"feed.xml", "feed.json", "privacy/feed.xml", "privacy/feed.json",
                                     "cookies/feed.xml", "cookies/feed.json"}
    assert set(feeds(lang="en", per_notice=False)) == {"en/feed.xml", "en/feed.json"}


@pytest.mark.parametrize("lang, prefix", [("id", ""), ("en", "en/")])
def test_feeds_are_valid_atom_and_json_feed(lang, prefix):
    out = feeds(lang=lang)
    for path, data in out.items():
        if path.endswith(".xml"):
            assert feedparser.parse(data).bozo == 0, path
            check_atom(data, SITE + path)
        else:
            check_json_feed(data, SITE + path)
    root = ET.fromstring(out[f"{prefix}feed.xml"])
    assert root.get(XML_LANG) == lang
    assert [l.get("href") for l in root.findall(f"{A}link") if l.get("rel") == "alternate"] == [SITE + prefix]
    assert text_of(root, "title") == NAME[lang]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_one_entry_per_material_version_and_no_editorial(lang):
    out = feeds(lang=lang)
    parsed = feedparser.parse(out[f"{'' if lang == 'id' else 'en/'}feed.xml"])
    assert parsed.bozo == 0
    ids = [e.id for e in parsed.entries]
    assert len(ids) == 4          # privacy a1, c3, d4 and cookies d4; b2 is editorial
    assert not any("b2b2b2" in i for i in ids)
    assert sorted(i.rsplit("/", 1)[1] for i in ids) == sorted(["a1" * 6, "c3" * 6, "d4" * 6, "d4" * 6])
    assert all(f"/{lang}/" in i for i in ids)
    doc = json.loads(out[f"{'' if lang == 'id' else 'en/'}feed.json"])
    assert [i["id"] for i in doc["items"]] == ids


def test_titles_are_localized_with_babel_long_dates():
    by_version = lambda out, name: {e.find(f"{A}id").text.rsplit("/", 1)[1]: text_of(e, "title")
                                    for e in entries_of(out[name]) if "privacy" in text_of(e, "id")}
    t_id = by_version(feeds(lang="id"), "feed.xml")
    t_en = by_version(feeds(lang="en"), "en/feed.xml")
    assert t_id["a1" * 6] == "Kebijakan Privasi diterbitkan — berlaku 10 Januari 2025"
    assert t_id["c3" * 6] == "Kebijakan Privasi diperbarui — berlaku 15 Maret 2025"
    assert t_en["c3" * 6] == "Privacy Notice updated — effective March 15, 2025"
    assert t_en["d4" * 6] == "Privacy Notice updated — effective January 15, 2027"


def test_upcoming_version_is_announced_with_its_effective_date():
    out = feeds(lang="id")
    newest = [e for e in entries_of(out["feed.xml"]) if "privacy" in text_of(e, "id")][0]
    assert text_of(newest, "title").endswith("— berlaku 15 Januari 2027")
    assert "Perubahan ini berlaku mulai 15 Januari 2027." in text_of(newest, "content")
    en = feedparser.parse(feeds(lang="en")["en/feed.xml"])
    upcoming = [e for e in en.entries if e.id.endswith("privacy/en/" + "d4" * 6)][0]
    assert "This change takes effect on January 15, 2027." in upcoming.content[0].value
    items = {i["id"]: i["_maklumat"] for i in json.loads(out["feed.json"])["items"]}
    flags = {k.rsplit(":", 1)[1]: v["upcoming"] for k, v in items.items()}
    assert flags == {f"notice/privacy/id/{'d4' * 6}": True, f"notice/cookies/id/{'d4' * 6}": False,
                     f"notice/privacy/id/{'c3' * 6}": False, f"notice/privacy/id/{'a1' * 6}": False}


def test_a_version_is_upcoming_until_the_day_it_takes_effect():
    def flag(build_date):
        items = json.loads(feeds(make_history(build_date=build_date))["feed.json"])["items"]
        return [i["_maklumat"]["upcoming"] for i in items if i["_maklumat"]["version"] == "d4" * 6
                and i["_maklumat"]["notice"] == "privacy"][0]
    assert flag(dt.date(2027, 1, 14)) is True
    assert flag(dt.date(2027, 1, 15)) is False    # in force on its effective date


def test_entries_do_not_change_when_the_effective_date_passes():
    before = feeds(make_history(build_date=dt.date(2026, 11, 20)))
    after = feeds(make_history(build_date=dt.date(2027, 2, 1)))
    assert before["feed.xml"] == after["feed.xml"]   # a reader comparing entries sees nothing new
    assert before["feed.json"] != after["feed.json"]  # only the _maklumat.upcoming flag moves
    flags = [i["_maklumat"]["upcoming"] for i in json.loads(after["feed.json"])["items"]]
    assert flags == [False] * 4


def test_order_is_newest_first_then_notice_key():
    items = json.loads(feeds()["feed.json"])["items"]
    got = [(i["date_published"], i["_maklumat"]["notice"], i["_maklumat"]["version"]) for i in items]
    assert got == [("2026-11-02T10:00:00+07:00", "cookies", "d4" * 6),
                   ("2026-11-02T10:00:00+07:00", "privacy", "d4" * 6),
                   ("2025-03-01T09:00:00+07:00", "privacy", "c3" * 6),
                   ("2025-01-03T10:00:00+07:00", "privacy", "a1" * 6)]


def test_commits_in_the_same_second_put_the_later_commit_first():
    f = privacy("id")
    t = dt.datetime(2025, 3, 1, 9, tzinfo=JKT)
    f.versions = [f.versions[0], version("ee", 2, "id", "privacy", t, t.date(), "x"),
                  version("ff", 3, "id", "privacy", t, t.date(), "y")]
    items = json.loads(feeds(make_history(files=[f]))["feed.json"])["items"]
    assert [i["_maklumat"]["version"][:2] for i in items] == ["ff", "ee", "a1"]
    f.versions[1:] = [version("ff", 2, "id", "privacy", t, t.date(), "x"),
                      version("ee", 3, "id", "privacy", t, t.date(), "y")]
    items = json.loads(feeds(make_history(files=[f]))["feed.json"])["items"]
    assert [i["_maklumat"]["version"][:2] for i in items] == ["ee", "ff", "a1"]


def test_feed_updated_is_the_newest_entry_not_the_build_time():
    root = ET.fromstring(feeds()["feed.xml"])
    assert text_of(root, "updated") == "2026-11-02T10:00:00+07:00"
    privacy_only = ET.fromstring(feeds(make_history(files=[privacy("id")]))["feed.xml"])
    assert text_of(privacy_only, "updated") == "2026-11-02T10:00:00+07:00"
    first_only = privacy("id")
    first_only.versions = first_only.versions[:2]
    root = ET.fromstring(feeds(make_history(files=[first_only]))["feed.xml"])
    # the editorial b2 (2025-02-01) is newer but is no entry: updated follows the entries
    assert text_of(root, "updated") == "2025-01-03T10:00:00+07:00"


def test_links_first_version_to_its_page_later_ones_to_what_changed():
    links = {text_of(e, "id").rsplit("/", 1)[1]: e.find(f"{A}link").get("href")
             for e in entries_of(feeds(lang="en", per_notice=False)["en/feed.xml"])
             if "privacy" in text_of(e, "id")}
    assert links == {"a1" * 6: f"{SITE}en/privacy/versions/{'a1' * 6}/",
                     "c3" * 6: f"{SITE}en/privacy/versions/{'c3' * 6}/changes/",
                     "d4" * 6: f"{SITE}en/privacy/versions/{'d4' * 6}/changes/"}


def test_entry_ids_are_permanent_tag_uris():
    ids = [text_of(e, "id") for e in entries_of(feeds()["feed.xml"])]
    assert f"tag:privasi.seruni.example,2025-03-01:notice/privacy/id/{'c3' * 6}" in ids
    assert f"tag:privasi.seruni.example,2025-01-03:notice/privacy/id/{'a1' * 6}" in ids
    feed_id = text_of(ET.fromstring(feeds()["feed.xml"]), "id")
    assert feed_id == "tag:privasi.seruni.example,2025-01-03:feed/id"
    other = feeds(authority="seruni.example")
    assert text_of(entries_of(other["feed.xml"])[-1], "id").startswith("tag:seruni.example,2025-01-03:")


def test_ids_survive_a_rename_and_a_later_version():
    before = feeds()
    renamed = make_history()
    f = renamed.notices.pop("privacy").files["id"]
    f.key, f.path, f.former_keys = "data-pribadi", "docs/id/data-pribadi.md", ("privacy",)
    f.versions.append(version("e5", 4, "id", "data-pribadi", dt.datetime(2026, 12, 1, 8, tzinfo=JKT),
                              dt.date(2026, 12, 15), "Ganti nama halaman"))
    renamed.notices["data-pribadi"] = Notice("data-pribadi", {"id": f})
    after = feeds(renamed)
    old = {text_of(e, "id"): ET.tostring(e) for e in entries_of(before["feed.xml"])}
    new = {text_of(e, "id"): ET.tostring(e) for e in entries_of(after["feed.xml"])}
    assert set(new) - set(old) == {f"tag:privasi.seruni.example,2026-12-01:notice/data-pribadi/id/{'e5' * 6}"}
    assert all(new[i] == old[i] for i in old), "published entries must not change"
    # the per-notice feed moved with the page, but kept its id
    assert "data-pribadi/feed.xml" in after and "privacy/feed.xml" not in after
    assert text_of(ET.fromstring(after["data-pribadi/feed.xml"]), "id") == \
        text_of(ET.fromstring(before["privacy/feed.xml"]), "id")


def test_keys_with_spaces_are_quoted_in_urls_not_in_paths():
    f = cookies("id")
    f.key, f.versions = "kuki dan pelacak", [version("d4", 3, "id", "kuki dan pelacak",
                                                     f.versions[0].published, dt.date(2026, 11, 2), "x")]
    out = feeds(make_history(files=[f]))
    root = check_atom(out["kuki dan pelacak/feed.xml"], f"{SITE}kuki%20dan%20pelacak/feed.xml")
    entry = root.find(f"{A}entry")
    assert entry.find(f"{A}link").get("href") == f"{SITE}kuki%20dan%20pelacak/versions/{'d4' * 6}/"
    assert text_of(entry, "id").endswith(f":notice/kuki%20dan%20pelacak/id/{'d4' * 6}")


def test_per_notice_feed_holds_only_that_notice():
    out = feeds(lang="en")
    root = check_atom(out["en/cookies/feed.xml"], f"{SITE}en/cookies/feed.xml")
    assert [text_of(e, "title") for e in root.findall(f"{A}entry")] == \
        ["Cookie Policy published — effective November 2, 2026"]
    assert [l.get("href") for l in root.findall(f"{A}link") if l.get("rel") == "alternate"] == \
        [f"{SITE}en/cookies/"]
    ids = {text_of(ET.fromstring(v), "id") for k, v in out.items() if k.endswith(".xml")}
    assert len(ids) == 3


def test_section_summary_is_listed_with_absolute_anchor_links():
    changes = [SectionChange("changed", "data-yang-kami-kumpulkan", "Data yang kami kumpulkan", 12, 1),
               SectionChange("added", "hak-anda", "Hak <Anda> & kami", 40, 0),
               SectionChange("removed", None, "Iklan", 0, 25),
               SectionChange("moved", "kontak", "Kontak", 0, 0),
               SectionChange("changed", "mk-intro", "", 3, 0)]
    seen = []

    def summaries(f, v):
        seen.append((f.key, f.lang, v.id))
        return changes if v.id == "c3" * 6 else []

    out = feeds(make_history(files=[privacy("id")]), summaries=summaries)
    assert seen == [("privacy", "id", "c3" * 6), ("privacy", "id", "d4" * 6)]  # not the first, not editorial
    c3 = [e for e in entries_of(out["feed.xml"]) if text_of(e, "id").endswith("c3" * 6)][0]
    html = text_of(c3, "content")
    hrefs = check_html_fragment(html)
    base = f"{SITE}privacy/versions/{'c3' * 6}/changes/"
    assert hrefs == [base + "#data-yang-kami-kumpulkan", base + "#hak-anda", base + "#kontak",
                     base + "#mk-intro", base]
    items = [li.text + "".join(li.itertext())[len(li.text):] for li in ET.fromstring(f"<d>{html}</d>").iter("li")]
    assert items == ["Diubah: Data yang kami kumpulkan (12 kata disisipkan, 1 kata dihapus)",
                     "Ditambahkan: Hak <Anda> & kami (40 kata disisipkan)",
                     "Dihapus: Iklan (25 kata dihapus)",
                     "Dipindahkan: Kontak",
                     "Diubah: Pembuka (3 kata disisipkan)"]   # the untitled opening text
    # the same through a dict, in English
    en = feeds(make_history(files=[privacy("en")]), lang="en",
               summaries={("privacy", "en", "c3" * 6): changes[:1]})
    assert "Changed: " in en["en/feed.xml"].decode() and "12 words inserted, 1 word deleted" in en["en/feed.xml"].decode()


def test_unsafe_text_is_escaped_in_atom_and_json():
    out = feeds(make_history(files=[privacy("id")]))
    xml, raw_json = out["feed.xml"], out["feed.json"]
    for data in (xml, raw_json):
        assert b"<script" not in data and b"</script" not in data
    assert b"Tambah &lt;script&gt;alert(1)&lt;/script&gt; &amp; cookie" in xml     # <summary>
    parsed = feedparser.parse(xml)
    assert parsed.bozo == 0
    c3 = [e for e in parsed.entries if e.id.endswith("c3" * 6)][0]
    assert "&lt;script&gt;" in c3.content[0].value and "<script" not in c3.content[0].value
    entry = [e for e in entries_of(xml) if text_of(e, "id").endswith("c3" * 6)][0]
    assert text_of(entry, "summary") == SCRIPT_SUBJECT          # plain text survives the round trip
    item = [i for i in json.loads(raw_json)["items"] if i["id"].endswith("c3" * 6)][0]
    assert item["summary"] == SCRIPT_SUBJECT
    p = ET.fromstring(f"<d>{item['content_html']}</d>").find("p")
    assert p.text == SCRIPT_SUBJECT and len(p) == 0              # text in HTML, not a tag


def test_control_characters_are_dropped_so_xml_stays_well_formed():
    f = privacy("id")
    f.versions[2] = version("c3", 2, "id", "privacy", dt.datetime(2025, 3, 1, 9, tzinfo=JKT),
                            dt.date(2025, 3, 15), "Bel\x07 dan \x1b[31mwarna\x00", title="Kebijakan\x0b Privasi")
    out = feeds(make_history(files=[f]))
    assert feedparser.parse(out["feed.xml"]).bozo == 0
    check_atom(out["feed.xml"], SITE + "feed.xml")
    assert "Bel dan [31mwarna" in out["feed.xml"].decode()
    assert json.loads(out["feed.json"])["items"][1]["summary"] == "Bel dan [31mwarna"


def test_withdrawn_notice_is_announced_once():
    f = cookies("id")
    f.withdrawn_at = dt.datetime(2026, 12, 3, 1, 30, tzinfo=dt.timezone.utc)
    out = feeds(make_history(files=[privacy("id"), f]))
    check_atom(out["feed.xml"], SITE + "feed.xml")
    first = entries_of(out["feed.xml"])[0]
    assert text_of(first, "title") == "Kebijakan Kuki dicabut — 3 Desember 2026"
    assert text_of(first, "id") == "tag:privasi.seruni.example,2026-12-03:notice/cookies/id/withdrawn"
    assert text_of(first, "updated") == "2026-12-03T08:30:00+07:00"
    assert first.find(f"{A}link").get("href") == SITE + "cookies/"
    assert "cookies/feed.xml" not in out     # no notice page left to hang a feed on
    assert json.loads(out["feed.json"])["items"][0]["_maklumat"]["change"] == "withdrawn"


def test_missing_or_relative_site_url_is_a_clear_error():
    with pytest.raises(MaklumatError) as err:
        feeds(make_history(site_url=""))
    assert str(err.value) == ("site_url belum diisi di mkdocs.yml: feed memerlukan tautan lengkap. "
                              "Langkah berikutnya: isi site_url: https://…")   # the default messages: Indonesian
    with pytest.raises(MaklumatError, match="bukan alamat http"):
        feeds(make_history(site_url="privasi.seruni.example"))
    out = feeds(make_history(site_url="https://privasi.seruni.example/sub"))   # no trailing slash
    assert ET.fromstring(out["feed.xml"]).find(f"{A}link").get("href") == \
        "https://privasi.seruni.example/sub/feed.xml"


def test_language_without_wording_is_an_error_not_english():
    f = privacy("en")
    f.lang = "fr"
    with pytest.raises(MaklumatError, match="'fr'"):
        build_feeds(make_history(files=[f]), "fr", "Seruni")


def test_same_history_gives_identical_bytes_whatever_the_process_time_zone(monkeypatch):
    first = feeds(lang="en")
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    time.tzset()
    try:
        assert feeds(lang="en") == first
    finally:
        monkeypatch.undo()
        time.tzset()


# --- on a real git repository, through the history engine ---

BODY = {"id": ("Kebijakan Privasi", "Data yang kami kumpulkan", "Kami mengumpulkan nama dan alamat surel."),
        "en": ("Privacy Notice", "Data we collect", "We collect your name and email address.")}


def write_notice(repo: GitRepo, lang: str, effective: str, extra: str = "", name: str = "privacy"):
    title, heading, text = BODY[lang]
    repo.write(f"docs/{lang}/{name}.md",
               f"---\neffective: {effective}\n---\n# {title}\n\n## {heading}\n\n{text}{extra}\n")


@pytest.fixture
def repo(tmp_path) -> GitRepo:
    """The fixture history: published, an editorial fix, two substantive changes (the
    last one effective in the future of the build date)."""
    repo = GitRepo.init(tmp_path / "site")
    for lang in ("id", "en"):
        write_notice(repo, lang, "2025-01-10")
    repo.commit("Terbitkan pemberitahuan privasi", "2025-01-03T10:00:00+07:00")
    write_notice(repo, "id", "2025-01-10", " Salah ketik diperbaiki.")
    repo.commit("Perbaiki salah ketik", "2025-02-01T09:00:00+07:00", trailers=("Notice-Change: editorial",))
    for lang in ("id", "en"):
        write_notice(repo, lang, "2025-03-15", " Juga kuki.")
    repo.commit(SCRIPT_SUBJECT, "2025-03-01T09:00:00+07:00")
    for lang in ("id", "en"):
        write_notice(repo, lang, "2027-01-15", " Juga kuki. Disimpan dua tahun.")
    repo.commit("Ubah retensi", "2026-11-02T10:00:00+07:00", trailers=("Notice-Summary: Masa retensi data diubah",))
    return repo


SETTINGS = Settings(site_url=SITE, build_date=dt.date(2026, 11, 20), commit_lang="id")   # subjects in Indonesian
BUILD = """
import sys, datetime as dt
from pathlib import Path
from maklumat.history.notices import load_history
from maklumat.publish.feeds import build_feeds
from maklumat.model import Settings
h = load_history(Path(sys.argv[1]), Settings(site_url=%r, build_date=dt.date(2026, 11, 20), commit_lang="id"))
out = Path(sys.argv[2])
for lang, name in (("id", "Seruni"), ("en", "Seruni")):
    for path, data in build_feeds(h, lang, name).items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_bytes(data)
""" % SITE


def git_feeds(repo: GitRepo) -> dict[str, bytes]:
    from maklumat.history.notices import load_history
    history = load_history(repo.path, SETTINGS)
    return {**build_feeds(history, "id", NAME["id"]), **build_feeds(history, "en", NAME["en"])}


def test_git_history_feeds(repo):
    out = git_feeds(repo)
    for lang, prefix in (("id", ""), ("en", "en/")):
        parsed = feedparser.parse(out[f"{prefix}feed.xml"])
        assert parsed.bozo == 0
        check_atom(out[f"{prefix}feed.xml"], f"{SITE}{prefix}feed.xml")
        check_json_feed(out[f"{prefix}feed.json"], f"{SITE}{prefix}feed.json")
        assert len(parsed.entries) == 3                     # the editorial commit is no entry
        assert parsed.feed.language == lang
    id_titles = [e.title for e in feedparser.parse(out["feed.xml"]).entries]
    assert id_titles == ["Kebijakan Privasi diperbarui — berlaku 15 Januari 2027",
                         "Kebijakan Privasi diperbarui — berlaku 15 Maret 2025",
                         "Kebijakan Privasi diterbitkan — berlaku 10 Januari 2025"]
    newest = feedparser.parse(out["en/feed.xml"]).entries[0]
    assert newest.title == "Privacy Notice updated — effective January 15, 2027"
    assert newest.summary == "Masa retensi data diubah"          # the trailer wins over the subject
    assert "This change takes effect on January 15, 2027." in newest.content[0].value
    root = ET.fromstring(out["feed.xml"])
    assert text_of(root, "updated") == "2026-11-02T10:00:00+07:00"
    for data in (out["feed.xml"], out["feed.json"]):
        assert b"<script" not in data
    assert b"&lt;script&gt;alert(1)&lt;/script&gt; &amp; cookie" in out["feed.xml"]


def test_git_feeds_identical_across_time_zones_and_clocks(repo, tmp_path):
    outs = []
    for i, tz in enumerate(("UTC", "America/Los_Angeles")):
        dest = tmp_path / f"out{i}"
        dest.mkdir()
        env = {**os.environ, "TZ": tz, "LC_ALL": "C.UTF-8" if i else "C", "PYTHONHASHSEED": str(i)}
        if i:   # the second build runs ten years later by every clock: no need to wait
            env = shifted_env(env)
        subprocess.run([sys.executable, "-c", BUILD, str(repo.path), str(dest)], env=env, check=True,
                       cwd=Path(__file__).resolve().parent.parent)
        outs.append({p.relative_to(dest).as_posix(): p.read_bytes() for p in dest.rglob("*") if p.is_file()})
    assert set(outs[0]) >= {"feed.xml", "feed.json", "en/feed.xml", "en/feed.json", "privacy/feed.xml"}
    assert outs[0] == outs[1]


GOLDEN_FEEDS = Path(__file__).parent / "fixtures" / "feeds"


@pytest.mark.golden
def test_feed_bytes_match_the_golden_files(repo, golden):
    """Every feed of the fixture history (site-wide and per notice, Atom and JSON Feed, per
    language), byte for byte: feeds.py promises an entry's bytes never change, so any
    change of output shows up here as a diff (`make goldens` rewrites them on purpose)."""
    out = git_feeds(repo)
    assert set(out) == {"feed.xml", "feed.json", "en/feed.xml", "en/feed.json",
                        "privacy/feed.xml", "privacy/feed.json", "en/privacy/feed.xml", "en/privacy/feed.json"}
    for path, data in sorted(out.items()):
        golden.check_file(GOLDEN_FEEDS / path, data)
    if not golden.update:   # no golden file is left over from a feed that is no longer made
        kept = {p.relative_to(GOLDEN_FEEDS).as_posix() for p in GOLDEN_FEEDS.rglob("*") if p.is_file()}
        assert kept == set(out), f"golden files without a feed: {sorted(kept - set(out))}"


def test_git_later_commits_and_renames_keep_earlier_entries(repo):
    before = git_feeds(repo)
    for lang in ("id", "en"):
        repo.rename(f"docs/{lang}/privacy.md", f"docs/{lang}/data-pribadi.md")
    repo.commit("Ganti nama halaman privasi", "2026-11-10T08:00:00+07:00")
    for lang in ("id", "en"):
        write_notice(repo, lang, "2026-12-10", " Juga kuki. Disimpan dua tahun. Kontak baru.",
                     name="data-pribadi")
    repo.commit("Tambah kontak", "2026-11-12T08:00:00+07:00")
    after = git_feeds(repo)
    for name in ("feed.xml", "en/feed.xml"):
        old = {text_of(e, "id"): ET.tostring(e) for e in entries_of(before[name])}
        new = {text_of(e, "id"): ET.tostring(e) for e in entries_of(after[name])}
        assert len(new) == len(old) + 1          # the pure rename is not a version
        assert all(new[i] == old[i] for i in old), "an entry, once published, never changes"
        assert "data-pribadi" in next(iter(set(new) - set(old)))
        check_atom(after[name], SITE + name)
    assert "data-pribadi/feed.xml" in after and "en/data-pribadi/feed.xml" in after


def test_git_feeds_with_the_redline_summary_link_into_the_changes_page(repo):
    from maklumat.history.notices import load_history
    from maklumat.redline.compare import redline
    history = load_history(repo.path, SETTINGS)

    def summaries(f, v):   # what the site hands over: each version against its predecessor
        prev = f.previous(v)
        return None if prev is None else redline(history.text(prev), history.text(v)).summary
    out = build_feeds(history, "en", NAME["en"], summaries=summaries)
    f = history.notices["privacy"].files["en"]
    c3 = [v for v in f.versions if v.summary == SCRIPT_SUBJECT][0]
    page_ids = set(re.findall(r'id="([^"]+)"', redline(history.text(f.previous(c3)),
                                                        history.text(c3)).html("en")))
    entry = [e for e in entries_of(out["en/feed.xml"]) if text_of(e, "id").endswith(c3.id)][0]
    hrefs = check_html_fragment(text_of(entry, "content"))
    base = f"{SITE}en/privacy/versions/{c3.id}/changes/"
    fragments = [h.split("#", 1)[1] for h in hrefs if h.startswith(base + "#")]
    assert fragments and set(fragments) <= page_ids       # every section link lands on its section
    assert "Changed: Data we collect (2 words inserted)" in "".join(
        ET.fromstring(f"<d>{text_of(entry, 'content')}</d>").find("ul").itertext())
