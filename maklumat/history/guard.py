"""The published-record guard: a build may add versions, never lose or change published ones.

Compares this build's `notices.json` (manifest.build_manifest) with the one already
published: every published version must still be there, at the same URL, with the same
text (sha256) and the same publication and effective dates. Plain data in, plain
messages out, so it is tested without a network; `cli/verify.py` fetches the live file.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from maklumat import catalog


@dataclass(frozen=True)
class Loss:
    kind: str        # lost | changed | redated | moved
    version: str     # version id
    message: str


def _versions(doc: dict) -> dict[str, tuple[str, str, dict]]:
    """Site-relative URL -> (notice key, language, version entry), withdrawn and earlier files included."""
    base = str((doc.get("site") or {}).get("url") or "")
    found = {}
    for key, notice in (doc.get("notices") or {}).items():
        for lang, entry in (notice.get("languages") or {}).items():
            groups = [entry.get("versions") or []] + [e.get("versions") or [] for e in entry.get("earlier") or []]
            for group in groups:
                for v in group:
                    url = str(v.get("url") or "")
                    rel = url[len(base.rstrip("/")):] if base and url.startswith(base.rstrip("/")) else url
                    found[rel] = (key, lang, v)
    return found


def _instant(value) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None


def compare(published: dict, current: dict, lang: str = "en") -> list[Loss]:
    """What this build would lose or change of the published record (empty: nothing), in `lang`."""
    def say(what: str, /, **fields) -> str:
        return catalog.say(lang, "guard_" + what, **fields)
    now = _versions(current)
    by_id = {(lang_, v.get("id")): rel for rel, (_, lang_, v) in now.items()}
    by_text = {(lang_, v.get("sha256")): (v.get("id"), rel) for rel, (_, lang_, v) in sorted(now.items())}
    losses = []
    for rel, (key, vlang, old) in sorted(_versions(published).items()):
        vid = str(old.get("id"))
        name = say("name", id=vid, key=key, lang=vlang, published=old.get("published"))
        if rel not in now:
            moved = by_id.get((vlang, old.get("id")))
            if moved is not None:
                losses.append(Loss("moved", vid, say("moved", name=name, url=rel, moved=moved)))
            else:
                same = by_text.get((vlang, old.get("sha256")))
                why = say("lost_why", commit=old.get("commit"))
                if same:
                    why += " " + say("lost_same", id=same[0], url=same[1])
                losses.append(Loss("lost", vid, say("lost", name=name, url=rel, why=why)))
            continue
        new = now[rel][2]
        if new.get("sha256") != old.get("sha256"):
            losses.append(Loss("changed", vid, say("changed", name=name, url=rel, old=old.get("sha256"),
                                                   new=new.get("sha256"))))
        if _instant(new.get("published")) != _instant(old.get("published")):
            losses.append(Loss("redated", vid, say("redated_published", name=name, published=new.get("published"))))
        if new.get("effective") != old.get("effective"):
            losses.append(Loss("redated", vid, say("redated_effective", name=name, old=old.get("effective"),
                                                   new=new.get("effective"))))
    return losses


def fix_advice(published: dict, lang: str = "en") -> str:
    """What an editor does when the guard fires (also in CONTRIBUTING.md)."""
    commit = (published.get("site") or {}).get("commit") or catalog.message(lang, "guard_last_commit")
    return catalog.say(lang, "guard_fix", commit=commit)
