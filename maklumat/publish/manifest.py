"""`notices.json`: what was published, for apps that record which version a user accepted.

Documented in the README. Keys are sorted and there is no build time in it, so the
same commit and build date give the same bytes.
"""
from __future__ import annotations

import json

from maklumat.dates import rfc3339
from maklumat.model import NoticeFile, SiteHistory, Version

FORMAT = 1


def build_manifest(history: SiteHistory, parity: dict[str, dict] | None = None,
                   fragments: dict[str, str] | None = None) -> bytes:
    """The manifest's bytes. With `fragments` (kept between `mkdocs serve` rebuilds), each
    notice's JSON is written again only when that notice's part changed (`_assembled`)."""
    s = history.settings
    on = s.build_date
    notices = {}
    for key, notice in history.notices.items():
        langs = {}
        for lang, f in sorted(notice.files.items()):
            if not f.versions:
                continue
            prefix = s.url_prefix(lang)
            current = f.in_force(on)
            material = f.last_material(on)
            langs[lang] = {
                "source": f.path,
                "url": _abs(s.site_url, prefix + f.url),
                "status": "withdrawn" if f.withdrawn_at else "published",
                "withdrawn": rfc3339(f.withdrawn_at) if f.withdrawn_at else None,
                "last_updated": rfc3339(material.published) if material else None,
                "current_version": current.id if current else None,
                "effective": current.effective.isoformat() if current else None,
                "upcoming": [v.id for v in f.upcoming(on)],
                "versions": [_version(v, f, s.site_url, prefix) for v in f.versions],
            }
        for f in notice.earlier:   # withdrawn before another file took this key
            if f.lang in langs:    # (else the key's file is an uncommitted draft: preview only)
                langs[f.lang].setdefault("earlier", []).append({
                    "source": f.path, "withdrawn": rfc3339(f.withdrawn_at),
                    "versions": [_version(v, f, s.site_url, s.url_prefix(f.lang)) for v in f.versions]})
        if langs:
            notices[key] = {"languages": langs, "parity": (parity or {}).get(key)}
    doc = {
        "format": FORMAT,
        "site": {
            "url": s.site_url,
            "prevailing_language": s.prevailing,
            "languages": list(s.languages),
            "timezone": s.timezone,
            "build_date": on.isoformat() if on else None,
            "commit": history.head,
        },
        "notices": notices,
    }
    if fragments is None:
        return (_dumps(doc) + "\n").encode("utf-8")
    return (_assembled(doc, fragments) + "\n").encode("utf-8")


def _dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True)


_HOLE = "\x00notices\x00"   # a placeholder no setting holds (else: one json.dumps of the whole)


def _assembled(doc: dict, fragments: dict[str, str]) -> str:
    """`_dumps(doc)`, byte for byte, from each notice's JSON: kept in `fragments` by its
    `repr` (Python's C `repr` of the dict, a fraction of the JSON encoder's time), indented as
    json.dumps nests it (no JSON string holds a newline). The rest of `fragments` is dropped."""
    notices = doc["notices"]
    wanted = {key: repr(entry) for key, entry in notices.items()}
    for old in set(fragments) - set(wanted.values()):
        del fragments[old]
    for key, ident in wanted.items():
        if ident not in fragments:
            fragments[ident] = _dumps(notices[key]).replace("\n", "\n    ")
    block = ("{\n" + ",\n".join(f"    {json.dumps(key, ensure_ascii=False)}: {fragments[wanted[key]]}"
                                  for key in sorted(notices)) + "\n  }") if notices else "{}"
    text, hole = _dumps({**doc, "notices": _HOLE}), json.dumps(_HOLE)
    return text.replace(hole, block) if text.count(hole) == 1 else _dumps(doc)


def _version(v: Version, f: NoticeFile, site_url: str, prefix: str) -> dict:
    return {
        "id": v.id,
        "commit": v.commit,
        "path": v.path,
        "url": _abs(site_url, prefix + v.url),
        "changes_url": _abs(site_url, prefix + v.changes_url) if f.previous(v) else None,
        "published": rfc3339(v.published),
        "effective": v.effective.isoformat(),
        "summary": v.summary,
        "editorial": v.editorial,
        "sha256": v.sha256,
    }


def _abs(site_url: str, path: str) -> str:
    return (site_url.rstrip("/") + "/" + path) if site_url else "/" + path
