"""Generated pages whose inputs are unchanged never enter MkDocs' page loop: their stored bytes are copied into the site.

MkDocs 1.6.1 (pinned; 1.x is frozen) builds in this order (`mkdocs.commands.build.build`):
files, nav, `on_nav`, every page's Markdown (`_populate_page`), `on_env`, static files
copied, static templates (the sitemap), every page's template (`_build_page`), anchors
validated, `on_post_build`. In the last `on_nav` handler each generated page out of the
nav (archived versions, "what changed" pages, ...; all excluded from search) gets a key
made of its inputs: the build-wide digests (pagecache.py), the language, its file and URL,
its Markdown, its date, the engine's template context, decorations and language-switch
targets for it, every file a link in its Markdown could name, the log level, and the nav
every page shows. Nav titles are only known once editors' pages are rendered, so they are
predicted (those the last build saw) and verified in `on_env`: on a mismatch every stored
page goes back into the page loop and is rendered now, as in a cold build. A hit is put in
`files` as a `StoredPage`: not a documentation page, so search, static-i18n and the page
loop never see it, and MkDocs copies it as a static file; links to it still resolve. What
a page contributes elsewhere is stored with it and given back: its anchors (for the links
of other pages), its links to anchors (validated after the page loop, as MkDocs does), the
log lines its rendering wrote (replayed, so `--strict` counts what a cold build counts),
its date (the sitemap's gzip time stamp). A wrong hit needs an input outside the key:
pages other plugins could change are never taken out (`enabled`).
"""
from __future__ import annotations

import hashlib
import logging
import os

from mkdocs import utils
from mkdocs.commands.build import _populate_page
from mkdocs.structure.pages import Page

from maklumat.mkdocs import pagecache, pagepool, rendercache, storedpage
from maklumat.mkdocs.storedpage import PATHS, StoredPage

log = logging.getLogger("mkdocs.plugins.maklumat")
# The plugins whose page events are known: any other could change a page in ways no key reads.
KNOWN_PLUGINS = {"search", "material/search", "i18n", "maklumat"}
EXCLUDED = "---\nsearch:\n  exclude: true\n---\n"   # publish/site.py: every generated page out of search


class FastPath:
    """One language build's stored pages and misses."""

    def __init__(self, cache: pagecache.PageCache, render_cache, lang: str, session=None, site=None):
        self.cache, self.render_cache, self.lang, self.session = cache, render_cache, lang, session
        self.site = site   # inplace.py: the pages the last `mkdocs build` left in the site directory
        self.partial: dict[str, str] = {}        # src_uri -> key without the nav
        self.stored: dict[str, StoredPage] = {}  # src_uri -> stand-in
        self.pending: dict[str, str] = {}        # src_uri -> key of a miss, stored after its render
        self.captures: dict[str, pagecache.Capture] = {}
        self.predicted: str | None = None
        self.entries: dict[str, dict] = {}
        self.made: dict[str, tuple] = {}   # src_uri -> (Markdown, drafts digest, links digest, links): serve
        self.written: dict[str, tuple[str, dict, str]] = {}  # src_uri -> (key, entry, stored bytes)
        self.head, self._head = None, None   # this language's key head: hex, and the hash a key continues
        self.early: dict[str, StoredPage] = {}   # src_uri -> stand-in taken out in on_files (serve)
        self.unstable = self.fallback = self.in_place = 0
        self.nav = self.files = None

    # ---- on_files (mkdocs serve) ----------------------------------------------------
    def take_out_early(self, config, files, jobs: dict, drafts) -> None:
        """`mkdocs serve`, the same pages as the last build (servesession.py): a generated
        page nothing of which changed since then leaves `files` before MkDocs makes a Page of
        it for the nav; `take_out` keeps it there if its key is still the one of the bytes
        in the site directory, else puts it back into the page loop."""
        if self.session is None or not self.session.same_pages or not self._begin(config):
            return
        by_src = files.src_uris
        for src, job in jobs.items():
            file = by_src.get(src)
            if file is None or not _cacheable(job):
                continue
            last = self.session.reused(self.lang, src, self.head, job.markdown, texts := drafts(job))
            if last is not None:
                self.partial[src], self.made[src] = last.partial, (job.markdown, texts, last.links, last.named)
                by_src[src] = self.early[src] = StoredPage(file, last.body, last.entry,
                                                           job.update_date or utils.get_build_date(), True, last.paths)

    def _begin(self, config) -> bool:
        """This language's key head: the build-wide digests, the language, the log level,
        `extra`, the build date if a template reads it; False where no page is taken out."""
        if not enabled(config, self.cache):
            return False
        if self.head is None:
            head = hashlib.sha256(f"page {pagecache.FORMAT}\n{self.cache.base}\n".encode())
            pagecache.feed(head, (self.cache.config_digest(config), self.lang,
                                  logging.getLogger("mkdocs").getEffectiveLevel(),
                                  {k: v for k, v in config.extra.items() if k != "alternate"},
                                  utils.get_build_datetime() if "build_date_utc" in self.cache.read else None))
            self.head, self._head = head.hexdigest(), head
        return True

    # ---- on_nav ------------------------------------------------------------------
    def take_out(self, nav, config, files, jobs: dict, inputs, drafts=None) -> None:
        """Last on_nav handler: every generated page's key; the hits leave the page loop.
        `inputs(job, file)` is what the plugin adds to a generated page (context,
        decorations, language-switch targets); in `mkdocs serve`, `drafts(job)` the digest
        of its notices' uncommitted texts (servesession.py)."""
        self.nav, self.files = nav, files
        if not self._begin(config):
            others = sorted(set(config.plugins) - KNOWN_PLUGINS)
            log.info(f"{self.lang}: generated pages are rendered every time: " + (
                f"plugins {', '.join(others)} could change them" if others else "a template reads the list of pages"))
            return
        by_src, todo = files.src_uris, []   # (static-i18n's get_file_from_path is slow)
        renamed = self.session.renamed(self.lang, self.render_cache.names(files)) if self.session is not None \
            and self.session.in_place and not self.session.same_pages else None   # (pages were added)
        for src, job in jobs.items():
            file = by_src.get(src)
            if src in self.early or file is None or not _cacheable(job):
                continue
            links = texts = None
            if self.session is not None and self.session.same_pages:   # (take_out_early kept what it could)
                texts, before = drafts(job), self.session.written(self.lang, src)
                if before is not None and before.markdown == job.markdown:   # the same files: the same names
                    links = before.named
            elif self.session is not None:
                texts = drafts(job)
                last = self.session.reused(self.lang, src, self.head, job.markdown, texts)
                if last is not None and rendercache.could_name(job.markdown, renamed):   # pages were added:
                    links = self.render_cache.links(job.markdown, files)   # a link could name one of them
                    last = last if _digest(links) == last.links else None
                if last is not None:   # nothing it is made of changed since the last build
                    self.partial[src], self.made[src] = last.partial, (job.markdown, texts, last.links, last.named)
                    continue
            todo.append((src, links, texts))

        def partial(item):   # the key without the nav (None: not cacheable), and the links it read
            src, links, _ = item
            job, file = jobs[src], by_src[src]
            links = self.render_cache.links(job.markdown, files) if links is None else links
            h = self._head.copy()
            try:
                pagecache.feed_plain(h, [src, file.dest_uri, file.url, str(file.inclusion), job.kind, job.markdown,
                                         job.update_date or utils.get_build_date(), inputs(job, file), links])
            except pagecache.Unstable:
                return None, links
            return h.hexdigest(), links if self.session is not None else None
        for (src, _, texts), (key, links) in zip(todo, pagepool.each(partial, todo, self.session is None)):
            if key is None:
                self.unstable += 1
                continue
            self.partial[src] = key
            if self.session is not None:
                self.made[src] = (jobs[src].markdown, texts, _digest(links), links)
        self.predicted = nav_digest(nav, self.cache.record(f"nav-{self.lang}").get, hidden=self._hidden())
        for src, partial in self.partial.items():
            # a nav page never seen: nothing can be predicted, every page is rendered
            key = None if self.predicted is None else _key(partial, self.predicted)
            last, in_place = self.session.written(self.lang, src) if self.session is not None else None, False
            early = self.early.pop(src, None)
            if early is not None and last.key != key:   # taken out early, but the nav changed:
                by_src[src], early = early.original, None  # back into the page loop, as a Page
                Page(None, by_src[src], config)
            if last is not None and last.key == key:   # the bytes in the site directory are these
                self.cache.used.add(key)
                self.in_place += 1
                if early is not None:
                    self.keep(src, early, key, last.entry, last.body)
                    continue
                found, in_place = (last.entry, last.body), True
            else:
                found = None if key is None else self.cache.load(key)
            if self.site is not None and self.site.claim(by_src[src].abs_dest_path, key) and found:
                in_place = True   # the last build's bytes of this key are there
                self.in_place += 1
            if found is None:
                self.pending[src] = ""   # its key is known once the nav is (verify)
                continue
            entry, body = found
            stand_in = StoredPage(by_src[src], body, entry, jobs[src].update_date or utils.get_build_date(), in_place)
            by_src[src] = stand_in   # Files.src_uris is its live dict: same place in the order
            self.keep(src, stand_in, key, entry, body)

    def paths(self, src: str) -> tuple:
        """A page's paths as this build computed them (StoredPage reuses them)."""
        file = self.files.src_uris[src]
        return tuple(getattr(file, name) for name in PATHS)

    def keep(self, src: str, stand_in: StoredPage, key: str, entry: dict, body) -> None:   # (pagepool.py too)
        self.written[src] = (key, entry, str(body))
        self.render_cache.used.update(entry.get("rendered") or ())   # its Markdown entry is kept too
        self.stored[src], self.entries[src] = stand_in, entry

    # ---- on_env ------------------------------------------------------------------
    def verify(self, config, files) -> None:
        """After every page's Markdown: the nav as it really is. Predicted right: the
        stored pages' log lines replayed. Wrong: they are rendered now, as in a cold build."""
        parts: dict[str, str] = {}
        real = nav_digest(self.nav, lambda src: parts.get(src), parts, hidden=self._hidden())
        if self.partial and parts != self.cache.record(f"nav-{self.lang}"):
            self.cache.keep_record(f"nav-{self.lang}", parts)
        if real != self.predicted and self.stored:
            log.info(f"{self.lang}: the navigation changed (a notice's title?): "
                     f"{len(self.stored)} stored pages rendered again")
            self.fallback += len(self.stored)
            stored, self.stored = self.stored, {}
            for src, stand_in in stored.items():
                files.src_uris[src] = stand_in.original
                if stand_in.in_place and os.path.isfile(stand_in.abs_dest_path):   # rendered now: only its
                    os.remove(stand_in.abs_dest_path)   # new bytes may stand there (none, if empty)
                self.written.pop(src, None)
                Page(None, stand_in.original, config)
                self.pending[src] = _key(self.partial[src], real)
                # MkDocs' own step for one page (private, but MkDocs 1.x is frozen and pinned).
                _populate_page(stand_in.original.page, config, files)
                stand_in.page = stand_in.original.page   # links resolved to the stand-in see the real anchors
        for src in self.stored:
            for name, level, message in self.entries[src]["log"]:
                logging.getLogger(name).log(level, message)
        self.pending.update({src: _key(p, real) for src, p in self.partial.items() if src not in self.stored})

    def _hidden(self) -> set[str]:
        return {"effective"} - self.cache.read   # (pagecache._OPTIONAL)

    # ---- a miss: its render captured and stored -----------------------------------
    def start(self, page) -> None:
        src = page.file.src_uri
        if src in self.pending:
            capture = self.captures.setdefault(src, pagecache.Capture())
            logging.getLogger("mkdocs").addHandler(capture)

    def pause(self, page) -> None:
        capture = self.captures.get(page.file.src_uri)
        if capture is not None:
            logging.getLogger("mkdocs").removeHandler(capture)

    def store(self, output: str, page) -> None:
        """Last on_post_page handler: the bytes MkDocs writes, and what the page gives the rest."""
        src = page.file.src_uri
        key, capture = self.pending.pop(src, None), self.captures.pop(src, None)
        if capture is not None:
            logging.getLogger("mkdocs").removeHandler(capture)
        if not key or not output.strip():
            return
        links = page.links_to_anchors
        entry = {"anchors": None if page.present_anchor_ids is None else sorted(page.present_anchor_ids),
                 "links": None if links is None else {f.src_uri: dict(v) for f, v in links.items()},
                 "log": capture.records if capture else [],
                 "rendered": [k for k in (self.render_cache.keys.get(src),) if k]}
        self.cache.save(key, entry, output.encode("utf-8", errors="xmlcharrefreplace"))
        self.written[src] = (key, entry, str(self.cache.body(key)))

    # ---- on_post_build -----------------------------------------------------------
    def finish(self, config) -> None:
        """What MkDocs does for every page after the page loop, for the stored pages."""
        storedpage.finish(self.stored.values(), self.files, config)


def _cacheable(job) -> bool:
    """Generated, out of the nav and out of search: a page no other page's build reads."""
    return job.generated and not job.in_nav and job.markdown.startswith(EXCLUDED)


def enabled(config, cache) -> bool:
    """Only where every page event is known and no template reads the list of pages."""
    return set(config.plugins) <= KNOWN_PLUGINS and "pages" not in cache.read


def _digest(links) -> str:
    h = hashlib.sha256()
    pagecache.feed_plain(h, links)
    return h.hexdigest()


def _key(partial: str, nav: str) -> str:
    return hashlib.sha256(f"{partial}\n{nav}".encode()).hexdigest()


def nav_digest(nav, title_of, seen: dict | None = None, hidden: set[str] = frozenset()) -> str | None:
    """The nav as every generated page shows it (none of them is in it, so nothing is
    active): its structure, and each page's title and front matter (but `hidden` keys no
    template reads) as `title_of(src_uri)` gives their digest; None if one is unknown.
    With `seen`, the real pages' digests."""
    h = hashlib.sha256(b"nav\n")

    def walk(items) -> bool:
        for item in items:
            if item.is_page:
                if seen is not None:
                    part = hashlib.sha256()
                    meta = {k: v for k, v in item.meta.items() if k not in hidden}
                    pagecache.feed(part, (item.title, meta, bool(item.meta), item.is_index, item.is_homepage))
                    seen[item.file.src_uri] = part.hexdigest()
                part = title_of(item.file.src_uri)
                if part is None:
                    return False
                pagecache.feed(h, ("page", item.file.src_uri, item.url, part))
            elif item.is_section:
                pagecache.feed(h, ("section", item.title))
                if not walk(item.children):
                    return False
                h.update(b")")
            else:
                pagecache.feed(h, ("link", item.title, item.url))
        return True

    ok = walk(nav.items)
    pagecache.feed(h, nav.homepage.url if nav.homepage else None)
    return h.hexdigest() if ok else None
