"""The Maklumat MkDocs plugin: translates MkDocs events into engine calls.

Logic lives in the engine (`maklumat`, which never imports MkDocs); this module only
knows MkDocs, Material and static-i18n. static-i18n builds the site once per language
(the further languages from its `on_post_build`) and fires every event per language, so
per-language state is keyed by language and reset in `on_config`; history is read once
per build (by the first language) and shared (the caches: cacheevents.py, servesession.py).
"""
from __future__ import annotations

import functools
import logging
import os
from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, InclusionLevel

from maklumat.errors import MaklumatError
from maklumat.mkdocs import pagecache, servesession, switchlinks
from maklumat.mkdocs.cacheevents import CacheEvents
from maklumat.mkdocs.config import MaklumatConfig, settings_of
from maklumat.mkdocs.plaintext import as_text, plain_text_titles
from maklumat.parity import messages
from maklumat.publish import searchindex, site

log = logging.getLogger("mkdocs.plugins.maklumat")

THEME = Path(__file__).resolve().parent / "theme"   # Material overrides shipped with the plugin
CSS = ("assets/maklumat.css", "assets/a11y.css", "assets/maklumat/redline.css")
JS = ("assets/maklumat/compare.js", "assets/maklumat/reader.js")


def _plain_errors(event):
    """An editor's mistake stops the build with its file and line, never a traceback."""
    @functools.wraps(event)
    def wrapper(*args, **kwargs):
        try:
            return event(*args, **kwargs)
        except MaklumatError as exc:
            raise PluginError(str(exc)) from None
    return wrapper


def _i18n(config):
    plugin = config.plugins.get("i18n")
    if plugin is None:
        raise PluginError("Maklumat needs the mkdocs-static-i18n plugin: add 'i18n' to plugins in "
                          "mkdocs.yml, before 'maklumat'.")
    return plugin


def _lang(config) -> str:
    return _i18n(config).current_language


class MaklumatPlugin(CacheEvents, BasePlugin[MaklumatConfig]):
    def __init__(self):
        super().__init__()
        self.serve = False
        self.session: servesession.ServeSession | None = None   # `mkdocs serve`: kept between rebuilds
        self.build: site.SiteBuild | None = None
        self.pages: dict[str, dict[str, site.PageJob]] = {}   # lang -> src_uri -> job
        self.root_404: bytes | None = None
        self.unpublished: list[str] = []   # notices left out of this build (logged as warnings)
        self.site_dir: Path | None = None   # for on_shutdown: one search index per language
        self.languages: set[str] = set()
        self.built: set[str] = set()

    def on_startup(self, *, command, dirty):
        self.serve, self.dirty = command == "serve", dirty
        self.session = servesession.start(self.serve)

    @_plain_errors
    def on_pre_build(self, config):
        """Whether this build writes over the last one in place (`build`: inplace.py; `serve`: servesession.py)."""
        if _i18n(config).building:
            return
        servesession.restore_clean()
        if self.keep_in_place(config.site_dir) or self.session is None or self.build is None:
            return
        cache = self.page_cache
        if self.session.begin(self.build, config.docs_dir, config.site_dir, cache and cache.base,
                              cache and cache.config_digest(config)):
            log.info("Only notices' texts changed: the unchanged generated pages stay in place")

    def on_serve(self, server, *, config, builder):
        servesession.poll_notices_often(server, config)
        return server

    def on_build_error(self, *, error):
        if self.session is not None:
            self.session.failed()   # the site directory is in no known state: the next build starts clean

    @_plain_errors
    def on_config(self, config):
        i18n = _i18n(config)
        self._check_order(config)
        _add_theme(config)
        if i18n.building:   # a further language of the same build: reuse what the first one read
            return config
        settings = settings_of(config, self.config)
        self.build = site.prepare(settings, config_dir=Path(os.path.abspath(config.config_file_path)).parent,
                                  include_drafts=self.serve)
        self.pages = {}
        self.root_404 = None
        self.unpublished = []
        self.start_caches(self.build.repo_root, config.theme.dirs, i18n.build_languages)
        # A strict build stops on them (_stop_on_problems): shown as errors, which `-q` still prints.
        say = log.error if config.strict and not self.serve else log.warning
        for problem in self.build.problems:
            say(problem)
        for note in self.build.history.notes:   # old clock problems: reported, never blocking (clock.py)
            log.info(note)
        return config

    def _check_order(self, config) -> None:
        names = list(config.plugins)
        ours = next(name for name, plugin in config.plugins.items() if plugin is self)
        if names.index("i18n") > names.index(ours):
            raise PluginError(f"'{ours}' is listed before 'i18n' in mkdocs.yml plugins: list it after "
                              "'i18n', which must sort each language's files first.")

    @_plain_errors
    @event_priority(-200)  # after static-i18n (-100) has sorted the files of the language being built
    def on_files(self, files, config):
        lang, build = _lang(config), self.build
        jobs = self.pages[lang] = {}
        prefix = build.settings.url_prefix(lang)
        by_source = {Path(f.abs_src_path).resolve(): f for f in files if f.abs_src_path}
        all_jobs = build.jobs(lang)
        for job in (j for j in all_jobs if j.source is not None):   # editors' files first: drop
            file = by_source.get((build.repo_root / job.source).resolve())   # the unpublished
            if file is None:
                continue
            if job.unpublished:
                log.warning(job.unpublished)
                if job.unpublished not in self.unpublished:
                    self.unpublished.append(job.unpublished)
                files.remove(file)
                continue
            jobs[file.src_uri] = job
        # static-i18n's lookup tries `path`, `<lang>/path` (slow): only for a path some file ends in.
        tails = {t for f in files for t in (f.src_uri, f.src_uri.split("/", 1)[-1])}
        for job in (j for j in all_jobs if j.source is None):
            src_uri = prefix + job.path
            taken = files.get_file_from_path(src_uri) if job.path in tails or src_uri in tails else None
            if taken is not None:   # reserved.py keeps editors off generated URLs: never shadow silently
                raise MaklumatError(f"this file would take the URL /{taken.url} of a page the site generates "
                                    f"({job.kind}); rename or move it",
                                    _repo_path(taken.abs_src_path, build.repo_root) or src_uri)
            tails.update((src_uri, job.path))
            files.append(File.generated(config, src_uri, content=job.markdown, inclusion=(
                InclusionLevel.INCLUDED if job.in_nav else InclusionLevel.NOT_IN_NAV)))
            jobs[src_uri] = job
        for name, path in build.assets():
            files.append(File.generated(config, prefix + name, abs_src_path=str(path)))
        self.take_out_early(files, config)
        return files

    @_plain_errors
    def _page_markdown(self, markdown, page, config, files):
        job = self.pages.get(_lang(config), {}).get(page.file.src_uri)
        if job is None:
            return markdown
        if job.generated:
            page.edit_url = None   # archived texts have no source to edit
        if job.update_date:
            page.update_date = job.update_date
        return job.page_markdown(markdown)

    def _job(self, page, config) -> site.PageJob | None:
        return self.pages.get(_lang(config), {}).get(page.file.src_uri)

    on_page_markdown = CombinedEvent(_page_markdown, CacheEvents._cached_markdown)

    @_plain_errors
    def _page_content(self, html, page, config, files):
        lang = _lang(config)
        job = self.pages.get(lang, {}).get(page.file.src_uri)
        plain_text_titles(page)
        return self.build.decorate(html, job, lang, page.url)

    on_page_content = CombinedEvent(CacheEvents._cached_content, _page_content, CacheEvents._pause_capture)

    @event_priority(-200)   # after static-i18n has built the language's navigation
    def _nav_titles(self, nav, config, files):
        """Section names come from folder names: plain text, escaped like page titles."""
        def walk(items):
            for item in items:
                if item.is_section or item.is_link:
                    item.title = as_text(item.title) if item.title is not None else None
                if item.children:
                    walk(item.children)
        walk(nav.items)
        return nav

    on_nav = CombinedEvent(_nav_titles, CacheEvents._take_out)

    @_plain_errors
    @event_priority(-50)  # after static-i18n (50) has set the language switcher for the page
    def _page_context(self, context, page, config, nav):
        lang = _lang(config)
        job = self.pages.get(lang, {}).get(page.file.src_uri)
        switchlinks.for_page(self.build, job, config, _i18n(config))
        context["maklumat"] = self.build.template_context(lang, job)
        return context

    on_page_context = CombinedEvent(CacheEvents._resume_capture, _page_context)

    @_plain_errors
    def page_inputs(self, job: site.PageJob, file, config) -> tuple:
        """What this plugin adds to a generated page besides its Markdown (fastpath.py's key):
        the template context, the language switch, and the decorations (kept for its render)."""
        lang = _lang(config)
        if not _i18n(config).extra_alternate and config.extra.get("alternate"):
            raise pagecache.Unstable("extra.alternate")   # without static-i18n's list: not cacheable
        return (self.build.template_context(lang, job),
                switchlinks.for_generated(self.build, job, _i18n(config)) if _i18n(config).extra_alternate else None,
                self.build.decoration(job, lang, file.url, keep=True))

    def _lang(self, config) -> str:
        return _lang(config)

    @_plain_errors
    def on_template_context(self, context, template_name, config):
        if self.build is None:
            return context
        lang = _lang(config)
        context["maklumat"] = self.build.template_context(lang)   # 404.html is a template, not a page
        if template_name == "404.html":
            switchlinks.for_404(self.build, config)
        return context

    @_plain_errors
    def _write_outputs(self, config):
        lang, site_dir = _lang(config), Path(config.site_dir)
        self.build.write_outputs(site_dir, lang, config.site_name, *(self.session.outputs if self.session else ()))
        self.site_dir = site_dir
        self.caches_built(lang)
        # Every language build writes its 404 page to the site root; keep each in its own place.
        prefix = self.build.settings.url_prefix(lang)
        page = site_dir / "404.html"
        if page.is_file():
            if not prefix:
                self.root_404 = page.read_bytes()
            elif self.root_404 is not None:
                (site_dir / prefix / "404.html").write_bytes(page.read_bytes())
                page.write_bytes(self.root_404)
        # Material's language switcher looks for the sitemap under each language's base URL.
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            if prefix and (site_dir / name).is_file():
                (site_dir / prefix / name).write_bytes((site_dir / name).read_bytes())

    @event_priority(-150)   # after static-i18n (-100) has built the further languages: the very end
    def _stop_on_problems(self, config):
        """A strict build stops on any record problem, whatever the log level: MkDocs' `-q`
        hides warnings from its strict counter, and a quiet CI must not publish divergent texts."""
        if _i18n(config).building or self.build is None:
            return
        if self.session is not None:
            self.session.complete()   # every language is written: the next save may build on it
        if self.serve:
            return
        problems = self.build.problem_list
        if not config.strict or not (problems or self.unpublished):
            return
        lang = self.build.settings.messages_lang
        line = messages.summary(problems, lang, self.build.settings.prevailing) if problems else ""
        raise Abort(messages.aborted(lang, line, "; ".join(self.unpublished)))

    on_post_build = CombinedEvent(CacheEvents._finish_stored, _write_outputs, _stop_on_problems)

    def on_shutdown(self):
        """After static-i18n has written its merged search index (the last thing a build
        does): one index per language (publish/searchindex.py). `mkdocs serve` keeps the
        merged one. Then the caches keep only what this build used (CacheEvents)."""
        if self.build is not None and self.site_dir is not None and not self.serve:
            searchindex.split(self.site_dir, self.build.settings)
        super().on_shutdown()


def _add_theme(config) -> None:
    """Maklumat's templates and styles under the site's own `custom_dir` (which still wins),
    above Material's; its CSS and script before the site's own (which may override them)."""
    dirs = config.theme.dirs
    if str(THEME) not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))
    config.extra_css[:0] = [css for css in CSS if css not in config.extra_css]
    have = {str(js) for js in config.extra_javascript}
    config.extra_javascript[:0] = [ExtraScriptValue(js) for js in JS if js not in have]


def _repo_path(abs_src_path: str | None, root: Path) -> str | None:
    try:
        return Path(abs_src_path).resolve().relative_to(root).as_posix() if abs_src_path else None
    except ValueError:
        return None
