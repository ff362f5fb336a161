"""Each language's page jobs: what every page of the site is made of, before MkDocs renders it."""
from __future__ import annotations

import re
from dataclasses import dataclass

from maklumat.dates import format_date
from maklumat.markdown import frontmatter
from maklumat.parity.problems import notice_paths
from maklumat.publish import plan
from maklumat.publish.plan import PlannedPage
from maklumat.publish.strings import t

_LINK = re.compile(r"(\]\(\s*<?|^\s{0,3}\[[^\]]+\]:\s*<?)(?![a-zA-Z][\w+.-]*:|/|#)([^)\s>]+)", re.M)
_INLINE_LINK = re.compile(r"(\]\(\s*<?)(?![a-zA-Z][\w+.-]*:|/|#)([^)\s>]+)")   # the same without "]:", 40x faster


# An archived version's Markdown by blob id: the same every build (`mkdocs serve` builds on each save).
_ARCHIVED: dict[str, str] = {}

_NOT_COMMITTED = ("{path}: not committed yet, so it is not published. "
                  "Commit it to publish it (git is the only record of what was published).")


@dataclass
class PageJob:
    """One page of one language: an editor's file (`source`) or a generated `path`."""

    kind: str
    page: PlannedPage | None
    source: str | None = None        # repository path of an editor's file
    path: str | None = None          # docs-relative path of a generated page
    markdown: str = ""               # generated pages: the Markdown to render
    body: str | None = None          # editor's pages: the text to render instead of the file
    update_date: str | None = None   # YYYY-MM-DD for the sitemap's lastmod
    unpublished: str | None = None   # why an editor's file is left out of the build
    in_nav: bool = False             # generated pages stay out of the navigation, but a home page

    @property
    def generated(self) -> bool:
        return self.source is None

    def page_markdown(self, markdown: str) -> str:
        return self.body if self.body is not None else markdown


def plan_jobs(build, lang: str) -> list[PageJob]:
    """Every page of `lang`: its home page, each notice's pages (plan.py), and the
    editors' files never committed (left out of the build, with the reason)."""
    on = build.settings.build_date
    dates = [m.published.date().isoformat() for n in build.history.notices.values()
             if (f := n.files.get(lang)) and (m := f.last_material(on))]
    home = f"{build.settings.docs_dir}/{lang}/index.md"
    if (build.repo_root / home).is_file():
        jobs = [PageJob("home", None, source=home, update_date=max(dates, default=None))]
    else:   # a repository of bare notices still gets a home page listing them
        jobs = [PageJob("home", None, path="index.md", in_nav=True, update_date=max(dates, default=None),
                        markdown=f"# {md_escape(t(lang, 'notices', build.overrides))}\n")]
    known = set()
    planned = plan.plan_language(build.history, lang)
    build.history.texts.prefetch([p.version.blob for p in planned if p.version is not None
                                 and (p.kind != "version" or p.version.blob not in _ARCHIVED)])
    for p in planned:
        if p.kind == "current":
            jobs.append(_current_job(build, p, on))
            known.add(p.file.path)
        else:
            jobs.append(PageJob(p.kind, p, path=p.path, markdown=_generated_markdown(build, p),
                                update_date=_page_date(p)))
    for by_lang in notice_paths(build.repo_root, build.settings).values():
        path = by_lang.get(lang)
        if path and path not in known:   # in the working tree, never committed
            jobs.append(PageJob("current", None, source=path, unpublished=_NOT_COMMITTED.format(path=path)))
    return jobs


def _current_job(build, p: PlannedPage, on) -> PageJob:
    f = p.file
    job = PageJob("current", p, source=f.path)
    if build.drafts and f.draft_text is not None:
        job.body = frontmatter.parse(f.draft_text, f.path).body
    elif not f.versions:
        job.unpublished = _NOT_COMMITTED.format(path=f.path)
    else:
        shown = build.shown(f, on)
        job.body = frontmatter.body(build.history.text(shown))
    material = f.last_material(on)
    if material is not None:
        job.update_date = material.published.date().isoformat()
    return job


def _generated_markdown(build, p: PlannedPage) -> str:
    """A generated page's Markdown: an archived text (its links re-aimed), else its title."""
    lang = (p.file or p.other).lang
    head = "---\nsearch:\n  exclude: true\n---\n\n"
    if p.kind == "version":
        markdown = _ARCHIVED.get(p.version.blob)
        if markdown is None:
            markdown = head + relink(frontmatter.body(build.history.text(p.version)), "../../")
            if len(_ARCHIVED) >= 65536:
                _ARCHIVED.clear()
            _ARCHIVED[p.version.blob] = markdown
        return markdown
    title = _title(p)
    key = {"history": "history_of", "changes": "changes_title", "draft-changes": "draft_changes_title"}.get(p.kind)
    if key:
        date = format_date(p.version.effective, lang, build.settings.timezone) if p.version else ""
        vid = p.version.id if p.version else ""
        return head + f"# {md_escape(t(lang, key, build.overrides, title=title, date=date, id=vid))}\n"
    return head + f"# {md_escape(title)}\n"


def _title(p: PlannedPage) -> str:
    f = p.file or p.other
    return f.versions[-1].title if f.versions else f.key


def _page_date(p: PlannedPage) -> str | None:
    if p.version is not None:
        return p.version.published.date().isoformat()
    f = p.file or p.other
    return f.versions[-1].published.date().isoformat() if f and f.versions else None


def relink(body: str, up: str) -> str:
    """Relative links of a notice, re-aimed from a page `up` directories deeper."""
    return (_LINK if "]:" in body else _INLINE_LINK).sub(lambda m: m.group(1) + up + m.group(2), body)


def md_escape(text: str) -> str:
    return re.sub(r"([\\`*_{}\[\]<>#|])", r"\\\1", text)

