"""MkDocs adapter for Maklumat: translates MkDocs events into engine calls.

Logic lives in the `maklumat` package; this file only knows MkDocs, Material and
static-i18n. static-i18n builds the site once per language and fires every event per
language, so per-language state is keyed by language, and history is read once per
build (by the first language) and shared by the others. Per-blob facts and redlines
are cached on disk by the engine, so `mkdocs serve` rebuilds stay quick.
"""
from __future__ import annotations

import functools
import logging
import sys
from copy import deepcopy
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel

try:
    import maklumat  # noqa: F401
except ImportError:  # adopted by copying the engine beside mkdocs.yml, without installing it
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from maklumat import site
from maklumat.errors import MaklumatError

log = logging.getLogger("mkdocs.hooks.maklumat")


@dataclass
class _State:
    serve: bool = False
    build: site.SiteBuild | None = None
    pages: dict[str, dict[str, site.PageJob]] = field(default_factory=dict)  # lang -> src_uri -> job
    root_404: bytes | None = None


_state = _State()


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
        raise PluginError("Maklumat needs the mkdocs-static-i18n plugin ('i18n' in plugins).")
    return plugin


def _lang(config) -> str:
    return _i18n(config).current_language


def on_startup(command, dirty):
    _state.serve = command == "serve"


@_plain_errors
def on_config(config):
    i18n = _i18n(config)
    if i18n.building:   # a further language of the same build: reuse what the first one read
        return config
    _state.build = site.prepare(
        config_file=Path(config.config_file_path),
        docs_dir=Path(config.docs_dir),
        languages=[lang.locale for lang in i18n.config.languages if lang.build],
        root_lang=i18n.default_language,
        extra=dict(config.extra.get("maklumat") or {}),
        site_url=config.site_url or "",
        include_drafts=_state.serve,
    )
    _state.pages = {}
    _state.root_404 = None
    for problem in _state.build.problems:
        log.warning(problem)
    for note in _state.build.history.notes:   # old clock problems: reported, never blocking (clock.py)
        log.info(note)
    return config


@_plain_errors
@event_priority(-200)  # after static-i18n has sorted the files of the language being built
def on_files(files, config):
    lang, build = _lang(config), _state.build
    jobs = _state.pages[lang] = {}
    prefix = build.settings.url_prefix(lang)
    by_source = {Path(f.abs_src_path).resolve(): f for f in files if f.abs_src_path}
    for job in build.jobs(lang):
        if job.source is not None:
            file = by_source.get((build.repo_root / job.source).resolve())
            if file is None:
                continue
            if job.unpublished:
                log.warning(job.unpublished)
                files.remove(file)
                continue
            jobs[file.src_uri] = job
            continue
        src_uri = prefix + job.path
        if files.get_file_from_path(src_uri) is not None:
            continue   # an editor's own page wins over a generated one at the same path
        files.append(File.generated(config, src_uri, content=job.markdown, inclusion=(
            InclusionLevel.INCLUDED if job.in_nav else InclusionLevel.NOT_IN_NAV)))
        jobs[src_uri] = job
    for name, path in build.assets():
        files.append(File.generated(config, prefix + name, abs_src_path=str(path)))
    return files


@_plain_errors
def on_page_markdown(markdown, page, config, files):
    job = _state.pages.get(_lang(config), {}).get(page.file.src_uri)
    if job is None:
        return markdown
    if job.generated:
        page.edit_url = None   # archived texts have no source to edit
    if job.update_date:
        page.update_date = job.update_date
    return job.page_markdown(markdown)


@_plain_errors
def on_page_content(html, page, config, files):
    lang = _lang(config)
    job = _state.pages.get(lang, {}).get(page.file.src_uri)
    return _state.build.decorate(html, job, lang, page.url)


@_plain_errors
@event_priority(-50)  # after static-i18n (50) has set the language switcher for the page
def on_page_context(context, page, config, nav):
    lang = _lang(config)
    job = _state.pages.get(lang, {}).get(page.file.src_uri)
    if job is not None and job.generated:
        # static-i18n sets `extra.alternate` as an attribute (what Jinja reads) only for the
        # pages it knows; generated pages get theirs here, on the same notice and version.
        alternates = deepcopy(getattr(config.extra, "alternate", None) or config.extra.get("alternate") or [])
        for alt in alternates:
            alt["link"] = _state.build.alternate_url(job, alt["lang"]) or alt["link"]
        config.extra.alternate = alternates
        config.extra["alternate"] = alternates
    context["maklumat"] = _state.build.template_context(lang, job)
    return context


@_plain_errors
def on_template_context(context, template_name, config):
    if _state.build is None:
        return context
    lang = _lang(config)
    context["maklumat"] = _state.build.template_context(lang)   # 404.html is a template, not a page
    if template_name == "404.html":
        # Its language switcher leads to each language's home, not to the last page rendered.
        base = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
        alternates = deepcopy(getattr(config.extra, "alternate", None) or config.extra.get("alternate") or [])
        for alt in alternates:
            alt["link"] = base + _state.build.settings.url_prefix(alt["lang"])
        config.extra.alternate = alternates
        config.extra["alternate"] = alternates
    return context


@_plain_errors
def on_post_build(config):
    lang, site_dir = _lang(config), Path(config.site_dir)
    _state.build.write_outputs(site_dir, lang, config.site_name)
    # Every language build writes its 404 page to the site root; keep each in its own place.
    prefix = _state.build.settings.url_prefix(lang)
    page = site_dir / "404.html"
    if page.is_file():
        if not prefix:
            _state.root_404 = page.read_bytes()
        elif _state.root_404 is not None:
            (site_dir / prefix / "404.html").write_bytes(page.read_bytes())
            page.write_bytes(_state.root_404)
    # Material's language switcher looks for the sitemap under each language's base URL.
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        if prefix and (site_dir / name).is_file():
            (site_dir / prefix / name).write_bytes((site_dir / name).read_bytes())
