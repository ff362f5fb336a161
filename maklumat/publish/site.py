"""The site build as the engine sees it: page jobs, decorations and outputs per language.

This is the facade the MkDocs hook calls. It knows pages only as paths, Markdown
and HTML strings, so another site generator could drive it the same way.
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import re
from pathlib import Path
from urllib.parse import quote

from maklumat import cachedir
from maklumat.errors import MaklumatError
from maklumat.history import worktree
from maklumat.history.gitlog import open_repo
from maklumat.history.notices import load_history
from maklumat.model import NoticeFile, Settings, SiteHistory, Version
from maklumat.parity import messages
from maklumat.parity.lag import lag_state
from maklumat.parity.problems import collect_problems
from maklumat.publish import jobs, pages_content, render, reserved, switch
from maklumat.publish.jobs import PageJob
from maklumat.publish.manifest import build_manifest
from maklumat.publish.strings import t
from maklumat.redline.cache import RedlineCache

ASSETS = Path(__file__).parent.parent / "assets"
# The pages that show a notice's uncommitted text (pages_content.decoration, jobs.py, preview.py).
DRAFT_KINDS = ("current", "draft-changes")


class SiteBuild:
    def __init__(self, history: SiteHistory, repo_root: Path, include_drafts: bool):
        self.history, self.repo_root = history, repo_root
        self.settings: Settings = history.settings
        self.overrides = self.settings.strings   # checked against the catalog in settings.make_settings
        self.drafts = include_drafts
        self.problems: list[str] = []   # each problem in the editors' words, with file:line
        self.problem_list: list = []     # the same problems (parity.checks.Problem)
        self._redlines = RedlineCache(cachedir.of(repo_root), history.settings.markdown)
        self._jobs: dict[str, list[PageJob]] = {}
        self._decorations: dict[tuple, tuple[str, str, str]] = {}   # (a job lives as long as the build: `id` names it)
        self._drafts: dict[tuple, str] = {}
        self._outputs: dict[tuple, object] = {}   # feeds and manifest of this build (write_outputs)
        self._check_pairs()

    # ---- pages -------------------------------------------------------------------
    def jobs(self, lang: str) -> list[PageJob]:
        if lang not in self._jobs:
            self._jobs[lang] = jobs.plan_jobs(self, lang)
        return self._jobs[lang]

    def drafts_digest(self, job: PageJob) -> str:
        """The digest of the uncommitted texts (`mkdocs serve`) of the notices a page shows
        them from: all that saving a notice can change on a page other than the editor's own.
        Only a notice's own page and its draft redline show a draft (DRAFT_KINDS): an archived
        version, a "what changed" page or a history page reads the notice's history alone."""
        p = job.page
        keys = tuple(sorted({p.key} | {f.key for f in (p.file, p.other) if f is not None})) \
            if p and job.kind in DRAFT_KINDS else ()
        if keys not in self._drafts:
            h = hashlib.sha256()
            for key in keys:
                notice = self.history.notices.get(key)
                for f in [*(notice.files.values() if notice else ()), *(notice.earlier if notice else ())]:
                    h.update(repr((key, f.lang, f.path, f.draft_text)).encode("utf-8", "surrogatepass"))
            self._drafts[keys] = h.hexdigest()
        return self._drafts[keys]

    def shown(self, f: NoticeFile, on) -> Version:
        """The version a notice's current page shows: the one in force, else (a notice
        whose first version is still upcoming) that first version."""
        return f.in_force(on) or f.versions[0]

    # ---- decorations -------------------------------------------------------------
    def decorate(self, html: str, job: PageJob | None, lang: str, url: str) -> str:
        """The page's rendered Markdown with what Maklumat shows around it (`decoration`)."""
        title, before, after = self._decorations.pop((lang, url, id(job)), None) or self.decoration(job, lang, url)
        return _after_h1(_permalink_titles(html, title), before) + after

    def decoration(self, job: PageJob | None, lang: str, url: str, keep: bool = False) -> tuple[str, str, str]:
        """What a page shows around its rendered Markdown, which it does not read: the
        heading links' title, what follows its h1 and what follows the whole. `keep`: until
        the page is rendered (`decorate`) or `forget` (a page cache's key reads it first)."""
        c = render.Ctx(lang, self.settings, url, self.overrides)
        top = []
        if lang != self.settings.prevailing:
            top.append(render.prevails_statement(c, self._prevailing_url(job)))
        made = (c.t("permalink_title"), *(pages_content.decoration(self, c, job, top) if job else ("".join(top), "")))
        if keep:
            self._decorations[(lang, url, id(job))] = made
        return made

    def forget(self, job: PageJob | None, lang: str, url: str) -> None:
        """A kept decoration no longer wanted (the page came from a cache)."""
        self._decorations.pop((lang, url, id(job)), None)

    def _prevailing_url(self, job: PageJob | None) -> str:
        """The prevailing-language page that corresponds to this one (or its home)."""
        target = self.alternate_url(job, self.settings.prevailing) if job else None
        return target[len(self.settings.url_prefix(self.settings.prevailing)):] if target else ""

    def alternate_url(self, job: PageJob | None, lang: str) -> str | None:
        """Where the language switcher takes a reader of this page (switch.py's rules)."""
        if job is None or job.page is None:
            return None
        return switch.counterpart(self.history, job.page, lang, self.settings.build_date)

    def template_context(self, lang: str, job: PageJob | None = None) -> dict:
        """Feed links for the page's <head>: the site's feed, and the notice's own feed.
        URLs are percent-encoded; titles are plain text (the templates escape them)."""
        prefix = self.settings.url_prefix(lang)
        ctx = {"feed_atom": quote(prefix + "feed.xml"), "feed_json": quote(prefix + "feed.json"),
               # each language's own search index (searchindex.py; written after `build`, not `serve`)
               "search_home": "" if self.drafts else quote(prefix),
               "feed_title": t(lang, "feed_title", self.overrides), "lang": lang, "home": prefix,
               "strings": {k: t(lang, k, self.overrides) for k in ("not_found", "not_found_body", "home")}}
        f = job.page.file if job is not None and job.page is not None else None
        if f is not None and f.withdrawn_at is None and f.versions:
            ctx["notice_feed_atom"] = quote(prefix + f.url + "feed.xml")   # a file name may hold
            ctx["notice_feed_json"] = quote(prefix + f.url + "feed.json")  # anything but '/'
            ctx["notice_feed_title"] = f"{f.versions[-1].title} — {ctx['feed_title']}"
        return ctx

    def redline(self, f: NoticeFile, version: Version | None):
        """The redline a "what changed" page shows: `version` against the one before it,
        or (version None) the editors' draft against the last published version."""
        if version is None:
            from maklumat.redline.compare import redline
            return redline(self.history.text(f.versions[-1]), f.draft_text)
        prev = f.previous(version)
        return self._redlines.get(f.lang, prev.blob, version.blob,
                                  self.history.text(prev), self.history.text(version))

    def prefetch_redlines(self) -> None:
        """Every published redline missing from the cache, computed at once in a process
        pool where that pays (workers.py), rather than one by one as the pages ask."""
        self._redlines.prefetch([f for n in self.history.notices.values() for f in [*n.files.values(), *n.earlier]],
                                self.history)

    # ---- outputs -----------------------------------------------------------------
    def assets(self) -> list[tuple[str, Path]]:
        return [(f"assets/maklumat/{p.name}", p) for p in sorted(ASSETS.glob("*")) if p.is_file()]

    def write_outputs(self, site_dir: Path, lang: str, site_name: str, memo: dict | None = None,
                      fragments: dict | None = None) -> None:
        """Feeds and notices.json. Feeds read only history and settings, the manifest also
        parity: with `memo` (kept between `mkdocs serve` rebuilds), made again only when
        what they read changes, and then (`fragments`) only the notices that changed."""
        from maklumat.publish.feeds import build_feeds
        memo = self._outputs if memo is None else memo
        for old in [k for k in memo if k[0] != self._history_token]:   # one state of history at a time
            del memo[old]
        key = (self._history_token, lang, site_name)
        if key not in memo:
            memo[key] = build_feeds(self.history, lang, site_name, summaries=lambda f, v: self._summary(f, v))
        manifest = (self._history_token, "notices.json", json.dumps(self.parity, sort_keys=True, default=str))
        if manifest not in memo:   # the same for every language
            for old in [k for k in memo if k[1] == "notices.json"]:
                del memo[old]
            memo[manifest] = build_manifest(self.history, self.parity, fragments)
        outputs = {**memo[key], "notices.json": memo[manifest]}
        for rel, data in outputs.items():
            target = site_dir / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)

    @functools.cached_property
    def _history_token(self) -> str:
        """Everything feeds read: settings, and each notice file's place and versions (git)."""
        h = hashlib.sha256(repr((self.history.head, self.settings)).encode("utf-8", "surrogatepass"))
        for key, notice in sorted(self.history.notices.items()):
            for f in [*notice.files.values(), *notice.earlier]:
                h.update(repr((key, f.lang, f.key, f.path, f.withdrawn_at, f.former_keys, f.versions))
                         .encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def _summary(self, f: NoticeFile, v: Version):
        return None if f.previous(v) is None else self.redline(f, v).summary

    # ---- problems ----------------------------------------------------------------
    def _check_pairs(self) -> None:
        """EN/ID parity and translation lag: one warning per problem (so --strict fails),
        the lag state per notice for the banners, and both for the manifest."""
        problems, _ = collect_problems(self.repo_root, self.settings, history=self.history, drafts=self.drafts)
        self.problem_list = problems
        lang, prevailing = self.settings.messages_lang, self.settings.prevailing
        self.problems = [str(MaklumatError(messages.text(p, lang, prevailing), p.path, p.line)) for p in problems]
        self.lag = {}
        self.parity: dict[str, dict] = {}
        by_path = {}
        for p in problems:
            by_path.setdefault(p.path, []).append(p.to_dict())
        for key, notice in self.history.notices.items():
            live = [f for f in notice.files.values() if f.withdrawn_at is None]
            if len(live) == len(self.settings.languages):
                self.lag[key] = lag_state(notice, self.settings.prevailing)
            status = self.lag[key].status if key in self.lag else "single-language"
            self.parity[key] = {"status": status,
                                "problems": [d for f in notice.files.values() for d in by_path.get(f.path, [])]}


def prepare(settings: Settings, *, config_dir: Path, include_drafts: bool) -> SiteBuild:
    """The build of the site whose configuration file is in `config_dir` (settings'
    `docs_dir` is relative to it), read once and shared by every language's build."""
    try:
        return _prepare(settings, config_dir, include_drafts)
    except MaklumatError as exc:   # errors found before the settings reached them speak the editor's language
        raise exc.worded(settings.messages_lang) from None


def _prepare(settings: Settings, config_dir: Path, include_drafts: bool) -> SiteBuild:
    docs_dir = config_dir / settings.docs_dir
    repo = open_repo(docs_dir)
    root = Path(repo.working_tree_dir).resolve()
    try:
        docs_rel = docs_dir.resolve().relative_to(root).as_posix()
    except ValueError:
        raise MaklumatError.say("site_docs_dir_outside", str(docs_dir)) from None
    if docs_rel != settings.docs_dir:   # the configuration sits below the repository's root
        settings = dataclasses.replace(settings, docs_dir=docs_rel)
    worktree.check_tree(root, settings)   # before anything reads the working tree (drafts, home pages)
    reserved.check_tree(root, settings)
    history = load_history(root, settings, include_drafts=include_drafts,
                           cache_dir=cachedir.of(root))
    reserved.check_history(history)
    build = SiteBuild(history, root, include_drafts)
    build.prefetch_redlines()
    return build


def _after_h1(html: str, fragment: str) -> str:
    if not fragment:
        return html
    i = html.find("</h1>")
    return html[: i + 5] + fragment + html[i + 5:] if i >= 0 else fragment + html


_HEADERLINK = re.compile(r'(<a class="headerlink" href="[^"]*" title=")[^"]*(")')


def _permalink_titles(html: str, title: str) -> str:
    """The heading links' title ("Permanent link", one setting of Python-Markdown's toc for
    the whole site) in the page's language."""
    return _HEADERLINK.sub(lambda m: m.group(1) + title + m.group(2), html)
