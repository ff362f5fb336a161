"""Which pages a language's site has, derived from history: the site's page plan.

Current notice pages are the editors' own files; everything else here is generated:
version histories, archived versions, "what changed" pages, and the pages that keep
old URLs alive (withdrawn or moved notices, notices missing in this language).
"""
from __future__ import annotations

from dataclasses import dataclass

from maklumat.model import NoticeFile, SiteHistory, Version, key_url


@dataclass(frozen=True)
class PlannedPage:
    kind: str                  # current | history | version | changes | draft-changes |
                               # withdrawn | moved | missing
    key: str                   # the notice key the URL is built from
    path: str                  # docs-relative Markdown path, e.g. privacy/versions/abc.md
    file: NoticeFile | None    # the notice file in this language
    version: Version | None = None
    other: NoticeFile | None = None   # moved: the live file; missing: the other language's file

    @property
    def url(self) -> str:
        return self.path[:-3] + "/" if not self.path.endswith("index.md") else self.path[:-8]


def key_path(key: str) -> str:
    return f"{key}.md"


def plan_language(history: SiteHistory, lang: str) -> list[PlannedPage]:
    """Every page of `lang`'s site except its home page, in a stable order."""
    pages: list[PlannedPage] = []
    taken: set[str] = set()
    live = {n.key: n.files[lang] for n in history.notices.values()
            if lang in n.files and n.files[lang].withdrawn_at is None}

    def add(page: PlannedPage) -> None:
        if page.path not in taken:
            taken.add(page.path)
            pages.append(page)

    for key, f in live.items():
        add(PlannedPage("current", key, key_path(key), f))
    for notice in history.notices.values():
        f = notice.files.get(lang)
        if f is None:
            continue
        if f.withdrawn_at is not None and f.key not in live:
            add(PlannedPage("withdrawn", f.key, key_path(f.key), f))
        if f.versions:
            add(PlannedPage("history", f.key, f"{history_dir(f.key)}index.md", f))
        _archive(f, add)
        if f.draft_text is not None and f.versions:
            add(PlannedPage("draft-changes", f.key, f"{history_dir(f.key)}draft/changes.md", f))
    # A notice whose path another one took over after it was withdrawn: its versions stay.
    for notice in history.notices.values():
        for f in notice.earlier:
            if f.lang == lang:
                _archive(f, add)
    # Old URLs stay alive: a renamed notice's former current page says where it went.
    for f in live.values():
        for old in f.former_keys:
            if old not in live:
                add(PlannedPage("moved", old, key_path(old), None, other=f))
    # A renamed notice that was later withdrawn says so at its old URLs too, not 404.
    for notice in history.notices.values():
        f = notice.files.get(lang)
        if f is not None and f.withdrawn_at is not None and f.key not in live:
            for old in f.former_keys:
                if old not in live:
                    add(PlannedPage("withdrawn", old, key_path(old), f))
    # A notice that exists only in another language gets an honest page here, not a 404.
    for notice in history.notices.values():
        if notice.key in live:
            continue
        others = [g for g in notice.files.values() if g.lang != lang and g.withdrawn_at is None]
        if others and (lang not in notice.files or notice.files[lang].withdrawn_at is not None):
            existing = notice.files.get(lang)
            if existing is None:
                add(PlannedPage("missing", notice.key, key_path(notice.key), None, other=others[0]))
    return pages


def _archive(f: NoticeFile, add) -> None:
    """Every version of `f` at its URL, and what changed in each but the first."""
    for i, v in enumerate(f.versions):
        add(PlannedPage("version", v.key, f"{history_dir(v.key)}{v.id}.md", f, v))
        if i > 0:
            add(PlannedPage("changes", v.key, f"{history_dir(v.key)}{v.id}/changes.md", f, v))


def history_dir(key: str) -> str:
    """`privacy` -> `privacy/versions/`; the language's `index` notices keep theirs beside."""
    return f"{key_url(key)}versions/"
