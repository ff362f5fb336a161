"""The plugin's page-cache events: the caches started, consulted at the edges of MkDocs' page steps, pruned."""
from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.plugins import event_priority

from maklumat.mkdocs import pagecache, rendercache

log = logging.getLogger("mkdocs.plugins.maklumat")


class CacheEvents:
    """Mixed into the plugin, which provides `serve` and `_job(page, config)`."""

    page_cache: pagecache.PageCache | None = None
    render_cache: rendercache.RenderCache | None = None

    def start_caches(self, root: Path, theme_dirs: list[str], languages: list[str]) -> None:
        """Once per build (first language). MAKLUMAT_PAGE_CACHE=off: no store, to compare."""
        self.page_cache = (None if os.environ.get("MAKLUMAT_PAGE_CACHE") == "off" else
                           pagecache.PageCache(root / ".cache" / "maklumat", theme_dirs))
        self.render_cache = rendercache.RenderCache(self.page_cache) if self.page_cache else None
        self.languages, self.built = set(languages), set()   # to build; built

    @event_priority(-10000)   # last: the key reads the Markdown every plugin has shaped
    def _cached_markdown(self, markdown, page, config, files):
        job = self._job(page, config)
        if self.render_cache is None or job is None or not job.generated:
            return markdown
        return self.render_cache.markdown(markdown, page, config, files)

    @event_priority(10000)   # first: MkDocs' own results, before any plugin's change
    def _cached_content(self, html, page, config, files):
        return self.render_cache.content(html, page, files) if self.render_cache is not None else html

    def route(self, page, job) -> None:
        """A generated page renders through the cache's template."""
        if job is not None and job.generated and self.page_cache is not None:
            pagecache.route(page)

    @event_priority(-10000)   # last: the key reads the context every plugin has shaped
    def _cached_page(self, context, page, config, nav):
        if self.page_cache is not None and page.meta.get("template") == pagecache.TEMPLATE:
            return self.page_cache.context(context, page)
        return context

    @event_priority(10000)   # first: what is stored is the template's render, before any plugin's change
    def on_post_page(self, output, page, config):
        return self.page_cache.post_page(output, page) if self.page_cache is not None else output

    def caches_built(self, lang: str) -> None:
        """End of one language's build: what came from the caches, logged."""
        c, r = self.page_cache, self.render_cache
        if c is not None:
            log.info(f"{lang}: {c.hits} generated pages from the page cache, {c.misses} rendered, "
                     f"{c.unstable} not cacheable; Markdown of {r.hits} from the cache, {r.misses} rendered")
            c.hits = c.misses = c.unstable = r.hits = r.misses = 0
        self.built.add(lang)

    def on_shutdown(self):
        """After a complete `mkdocs build` (not serve, whose states come and go), the
        stores keep only what this build used."""
        c, r = self.page_cache, self.render_cache
        if self.serve or c is None or not self.languages or self.built != self.languages:
            return
        gone = pagecache.prune(c.dir, c.used) + pagecache.prune(r.dir, r.used)
        if gone:
            log.info(f"{gone} pages of earlier builds removed from the page cache")
