"""The published-record guard: a build may add versions, never lose or change published ones.

Compares this build's `notices.json` (manifest.build_manifest) with the one already
published: every published version must still be there, at the same URL, with the same
text (sha256) and the same publication and effective dates. Plain data in, plain
messages out, so it is tested without a network; `cli/verify.py` fetches the live file.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


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


def compare(published: dict, current: dict) -> list[Loss]:
    """What this build would lose or change of the published record (empty: nothing)."""
    now = _versions(current)
    by_id = {(lang, v.get("id")): rel for rel, (_, lang, v) in now.items()}
    by_text = {(lang, v.get("sha256")): (v.get("id"), rel) for rel, (_, lang, v) in sorted(now.items())}
    losses = []
    for rel, (key, lang, old) in sorted(_versions(published).items()):
        vid = str(old.get("id"))
        name = f"version {vid} of '{key}' ({lang}), published {old.get('published')}"
        if rel not in now:
            moved = by_id.get((lang, old.get("id")))
            if moved is not None:
                losses.append(Loss("moved", vid, f"{name}: its page {rel} would move to {moved}, "
                                                 "and the published address would stop working."))
            else:
                same = by_text.get((lang, old.get("sha256")))
                why = (f" Its commit {old.get('commit')} no longer makes a version on the first-parent "
                       "line of the branch being built.")
                if same:
                    why += f" (The same text is still published as version {same[0]}, {same[1]}.)"
                losses.append(Loss("lost", vid, f"{name}: its page {rel} would disappear.{why}"))
            continue
        new = now[rel][2]
        if new.get("sha256") != old.get("sha256"):
            losses.append(Loss("changed", vid, (
                f"{name}: its text at {rel} would change (sha256 {old.get('sha256')} -> {new.get('sha256')}); "
                "apps that recorded which text a user accepted would no longer find it.")))
        if _instant(new.get("published")) != _instant(old.get("published")):
            losses.append(Loss("redated", vid, (
                f"{name}: its publication date would move to {new.get('published')}.")))
        if new.get("effective") != old.get("effective"):
            losses.append(Loss("redated", vid, (
                f"{name}: its effective date would move from {old.get('effective')} to {new.get('effective')}.")))
    return losses


def fix_advice(published: dict) -> str:
    """What an editor does when the guard fires (also in CONTRIBUTING.md)."""
    commit = (published.get("site") or {}).get("commit") or "<the last published commit>"
    return (
        "The publish workflow stops here: nothing is deployed. This happens when the branch's history was rewritten (a force-push) "
        "or when main was fast-forwarded to a branch that had merged main (a 'foxtrot' merge): the "
        "published versions are no longer on main's first-parent line. Put them back without losing "
        f"today's text: the last published build was made from commit {commit}. In a clone that has it "
        f"(git fetch origin {commit} may still find it), run\n"
        f"  git push origin \"$(git commit-tree 'origin/main^{{tree}}' -p {commit} -p origin/main "
        "-m 'Restore the published history')\":refs/heads/main\n"
        "This adds one commit on top of main (no force-push) whose first parent is the published "
        "commit and whose text is main's text now; the publish workflow then runs again. If the "
        "change was deliberate (a version must be taken down), ask the legal team and remove the "
        "version from the published site by hand: the guard never does that silently.")
