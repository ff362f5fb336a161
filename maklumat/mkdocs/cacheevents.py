"""The plugin's cache events: the stores started, unchanged generated pages taken out of the page loop, misses stored, pruned."""
from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.plugins import event_priority

from maklumat import cachedir
from maklumat.mkdocs import fastpath, inplace, jinjacache, pagecache, pagepool, rendercache, servesession

log = logging.getLogger("mkdocs.plugins.maklumat")


class CacheEvents:
    """Mixed into the plugin, which provides `serve`, `session` (servesession.py, or None),
    `build`, `pages` (lang -> src_uri -> job), `_job(page, config)`, `_lang(config)` and
    `page_inputs(job, file, config)`."""

    page_cache: pagecache.PageCache | None = None
    render_cache: rendercache.RenderCache | None = None
    fast: fastpath.FastPath | None = None
    deferred: pagepool.Deferred | None = None   # a cold build's misses, for the pool
    site: inplace.InPlace | None = None   # `mkdocs build` over its last complete site
    dirty = False

    def start_caches(self, root: Path, theme_dirs: list[str], languages: list[str]) -> None:
        """Once per build (first language). MAKLUMAT_PAGE_CACHE=off: no store, to compare."""
        self.page_cache = (None if os.environ.get("MAKLUMAT_PAGE_CACHE") == "off" else
                           pagecache.PageCache(cachedir.of(root), theme_dirs))
        self.render_cache = rendercache.RenderCache(self.page_cache) if self.page_cache else None
        self.fast = self.site = None
        self.languages, self.built, self.site_pages = set(languages), set(), {}   # to build; built; path -> key

    def keep_in_place(self, site_dir: str) -> bool:
        """First language's `on_pre_build` of `mkdocs build`: the clean keeps the last site's pages."""
        if self.page_cache is not None and not self.serve and not self.dirty:
            self.site = inplace.InPlace(self.page_cache.dir.parent, site_dir)
            self.site.begin()
        return self.site is not None

    def take_out_early(self, files, config) -> None:
        """End of the plugin's on_files: this language's FastPath; in `mkdocs serve`, the
        pages nothing of which changed leave `files` before MkDocs makes Pages of them."""
        if self.page_cache is not None:
            lang = self._lang(config)
            self.fast = fastpath.FastPath(self.page_cache, self.render_cache, lang, self.session, self.site)
            self.fast.take_out_early(config, files, self.pages.get(lang, {}), self.build.drafts_digest)

    @event_priority(-300)   # last: after static-i18n's nav and the plugin's section titles
    def _take_out(self, nav, config, files):
        self.deferred = None
        if self.fast is not None:
            lang = self._lang(config)
            jobs = self.pages.get(lang, {})
            self.fast.take_out(nav, config, files, jobs, lambda job, file: self.page_inputs(job, file, config),
                               self.build.drafts_digest)
            for src, stand_in in self.fast.stored.items():   # never rendered: their decorations not kept
                self.build.forget(jobs[src], lang, stand_in.url)
            self.deferred = pagepool.defer(self.fast, files, jobs)
        return nav

    @event_priority(-1000)   # every page's Markdown is rendered: the real nav titles
    def on_env(self, env, config, files):
        jinjacache.use(env)   # last: every plugin's filters and extensions are in
        if self.fast is not None:
            self.fast.verify(config, files)
        if self.deferred is not None:
            jobs = self.pages.get(self._lang(config), {})
            for src in pagepool.render(self.deferred, config, files, env):   # rendered: decorations used
                self.build.forget(jobs[src], self._lang(config), files.src_uris[src].url)
        return env

    @event_priority(10000)
    def on_pre_page(self, page, config, files):
        if self.fast is not None:
            self.fast.start(page)
        return page

    @event_priority(-10000)   # last: the key reads the Markdown every plugin has shaped
    def _cached_markdown(self, markdown, page, config, files):
        job = self._job(page, config)
        if self.render_cache is None or job is None:
            return markdown
        return self.render_cache.markdown(markdown, page, config, files, generated=job.generated)

    @event_priority(10000)   # first: MkDocs' own results, before any plugin's change
    def _cached_content(self, html, page, config, files):
        return self.render_cache.content(html, page, files) if self.render_cache is not None else html

    @event_priority(-10000)   # last: the Markdown step of a miss is over
    def _pause_capture(self, html, page, config, files):
        if self.fast is not None:
            self.fast.pause(page)
        return html

    @event_priority(10000)   # first: the template step of a miss begins
    def _resume_capture(self, context, page, config, nav):
        if self.fast is not None:
            self.fast.start(page)
        return context

    @event_priority(-10000)   # last: the bytes MkDocs writes
    def on_post_page(self, output, page, config):
        if self.fast is not None:
            self.fast.store(output, page)
        return output

    @event_priority(100)   # first: right after MkDocs' own anchor validation
    def _finish_stored(self, config):
        if self.fast is not None:
            self.fast.finish(config)

    def caches_built(self, lang: str) -> None:
        """End of one language's build: what came from the caches, logged."""
        f, r, pooled = self.fast, self.render_cache, self.deferred.pooled if self.deferred else 0
        if f is not None:
            log.info(f"{lang}: {len(f.stored) - pooled} pages written from the cache ({f.in_place} already in place), "
                     f"{len(f.partial) - len(f.stored) + pooled} generated pages rendered ({f.fallback} after a "
                     f"navigation change, {pooled} in a process pool), {f.unstable} not cacheable; "
                     f"Markdown of {r.hits} from the cache, {r.misses} rendered; "
                     f"editors' pages' Markdown: {r.editors_hits} from the cache, {r.editors_misses} rendered")
            r.hits = r.misses = r.editors_hits = r.editors_misses = 0
            self.site_pages.update((f.paths(src)[2], key) for src, (key, _, _) in f.written.items())
            if self.session is not None and self.session.state is not None:   # what the next save builds on
                self.session.language_done(lang, f.head, {
                    src: servesession.Written(f.partial[src], key, entry, body, *f.made[src], f.paths(src))
                    for src, (key, entry, body) in f.written.items() if src in f.made},
                    r.names(f.files) if f.files is not None else None)
        self.fast = self.deferred = None
        self.built.add(lang)

    def on_shutdown(self):
        """After a complete `mkdocs build` (not serve, whose states come and go), the
        stores keep only what this build used."""
        c, r = self.page_cache, self.render_cache
        if self.serve or c is None or not self.languages or self.built != self.languages:
            return
        if self.site is not None:
            self.site.finish(self.site_pages)
        gone = pagecache.prune(c.dir, c.used) + pagecache.prune(r.dir, r.used)
        if gone:
            log.info(f"{gone} pages of earlier builds removed from the page cache")
