"""`notices.json`: what was published, for apps that record which version a user accepted.

Documented in the README. Keys are sorted and there is no build time in it, so the
same commit and build date give the same bytes.
"""
from __future__ import annotations

import json

from maklumat.dates import rfc3339
from maklumat.model import NoticeFile, SiteHistory, Version

FORMAT = 1


def build_manifest(history: SiteHistory, parity: dict[str, dict] | None = None) -> bytes:
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
    return (json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


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
