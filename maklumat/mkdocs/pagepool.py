"""A cold build's missed generated pages rendered in a process pool, then taken as hits.

MkDocs renders pages one after another in one process, and a cold build at 20 notices
x 100 versions spends most of its time there: the Markdown and the template of 15,000
archived and "what changed" pages. Those pages are out of the nav and of search, and no
other page's build reads them (fastpath.py); their finished bytes go to the page store
anyway. So, where the pool is used (workers.processes: at least MIN_BATCH pages, `fork`,
a single-threaded process; never in `mkdocs serve`):

- last `on_nav` handler (`defer`): every miss leaves `files` as an empty `StoredPage`, so
  MkDocs' page loop skips it, as it skips a hit; links to it still resolve (its URL);
- last `on_env` handler (`render`), once the nav is real and the keys known: forked
  workers run MkDocs' own two steps (`_populate_page`, `_build_page`) for their share, with
  every plugin's events; the plugin's last `on_post_page` handler stores each page as a
  miss of a one-process build would (fastpath.FastPath.store). The parent fills each
  stand-in from its entry, as a hit: its anchors, links to validate, and the log lines
  its render wrote, replayed here (a worker prints nothing), so `--strict` counts them.
  A page a worker could not store (an error, empty output, a broken pool) is put back
  and rendered in this process, as always, so its error is reported as always.

The bytes are those of a one-process build (tests/test_workers.py compares the site and
the caches file by file); it is the same path a warm build's hits take.
"""
from __future__ import annotations

import gc
import logging
from concurrent.futures.process import BrokenProcessPool

from mkdocs import utils
from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.structure.files import InclusionLevel
from mkdocs.structure.pages import Page

from maklumat import workers
from maklumat.mkdocs.storedpage import StoredPage

_NO_ENTRY = {"anchors": None, "links": None}
_STATE: tuple | None = None   # (fast, config, files, env, stand-ins): what a forked worker reads
_EACH = None   # the function `each` maps, as forked workers see it


def each(fn, items: list, allowed: bool = True) -> list:
    """`[fn(item) for item in items]`, in forked workers where the pool pays (the keys of a
    build's 15,000 pages: their decorations and links). An item a worker failed on (an
    editor's error, say) is done again here, so its error is reported as always."""
    global _EACH
    n = workers.processes(len(items)) if allowed else 1
    if n < 2:
        return [fn(item) for item in items]
    shares, done = _shares(list(range(len(items))), n), [None] * len(items)
    _EACH = (fn, items)
    try:
        for share, results in zip(shares, _in_workers(n, _each_share, shares) or ()):
            for i, result in zip(share, results):
                done[i] = result
    finally:
        _EACH = None
    return [result[0] if result is not None else fn(item) for item, result in zip(items, done)]


def _shares(items: list, n: int) -> list[list]:
    """`items` dealt into 8 shares per worker: small shares, so a worker that drew big pages
    is not the last one left working alone."""
    k = min(len(items), n * 8)
    return [items[i::k] for i in range(k)]


def _in_workers(n: int, fn, shares: list, initializer=None) -> list | None:
    """`fn` over `shares` in `n` forked workers, results in order; None if the pool broke
    (a worker killed, say for memory, or no process to be had)."""
    gc.freeze()   # the parent's objects stay shared: a worker's collections do not copy them
    try:
        with workers.pool(n, initializer=initializer) as pool:
            return list(pool.map(fn, shares))
    except (BrokenProcessPool, OSError):
        return None
    finally:
        gc.unfreeze()


def _each_share(share: list[int]) -> list:
    fn, items = _EACH
    out = []
    for i in share:
        try:
            out.append((fn(items[i]),))
        except Exception:   # done again by the parent, which reports it
            out.append(None)
    return out


class Deferred:
    """One language build's misses, out of the page loop until `render`."""

    def __init__(self, fast, stand_ins: dict[str, StoredPage]):
        self.fast, self.stand_ins = fast, stand_ins
        self.pooled = 0   # pages rendered by the pool (the rest went back into the loop)


def defer(fast, files, jobs: dict) -> Deferred | None:
    """Last `on_nav` handler, after `fast.take_out`: the misses out of `files`, if a pool pays."""
    misses = [src for src in fast.pending if src in files.src_uris]
    if fast.session is not None or workers.processes(len(misses)) < 2:
        return None
    stand_ins = {}
    for src in misses:
        date = jobs[src].update_date or utils.get_build_date()
        stand_ins[src] = files.src_uris[src] = StoredPage(files.src_uris[src], "", _NO_ENTRY, date)
    return Deferred(fast, stand_ins)


def render(deferred: Deferred, config, files, env) -> list[str]:
    """Last `on_env` handler, after `fast.verify`: the deferred pages rendered in workers
    and kept as hits; the rest back in the page loop. Returns the pages the pool rendered."""
    global _STATE
    fast, srcs = deferred.fast, list(deferred.stand_ins)
    n = workers.processes(len(srcs))
    found: dict[str, tuple | None] = {}
    if n > 1:
        shares = _shares(srcs, n)
        _STATE = (fast, config, files, env, deferred.stand_ins)
        try:
            for share, (done, hits, misses) in zip(shares, _in_workers(n, _render_share, shares, _quiet) or ()):
                found.update(zip(share, done))
                fast.render_cache.hits += hits   # the Markdown cache's counts in the workers
                fast.render_cache.misses += misses
        finally:
            _STATE = None
    pooled = []
    for src in srcs:
        stand_in, result = deferred.stand_ins[src], found.get(src)
        if result is None or result[0] != fast.pending.get(src):   # rendered here, as always
            files.src_uris[src] = stand_in.original
            _populate_page(stand_in.original.page, config, files)
            stand_in.page = stand_in.original.page   # links resolved to the stand-in see its anchors
            continue
        key, entry = fast.pending.pop(src), result[1]
        body = fast.cache.body(key)
        fast.cache.used.add(key)
        stand_in.fill(body, entry, stand_in.page.update_date, in_place=True)   # the worker wrote it
        fast.keep(src, stand_in, key, entry, body)
        for name, level, message in entry["log"]:
            logging.getLogger(name).log(level, message)
        pooled.append(src)
    deferred.pooled = len(pooled)
    return pooled


def _quiet() -> None:
    """A worker prints nothing: what its pages log is kept with them and replayed by the parent."""
    for logger in (logging.getLogger(), logging.getLogger("mkdocs")):
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
    logging.getLogger("mkdocs").addHandler(logging.NullHandler())


def _render_share(srcs: list[str]) -> tuple[list, int, int]:
    """In a worker: MkDocs' two steps for each page, which the plugin's events store; the
    Markdown cache's counts of the pages stored (the parent renders the others again)."""
    fast, config, files, env, stand_ins = _STATE
    docs = files.documentation_pages(inclusion=InclusionLevel.is_included)
    cache, hits, misses, done = fast.render_cache, 0, 0, []
    for src in srcs:
        original, before = stand_ins[src].original, (cache.hits, cache.misses)
        files.src_uris[src] = original
        try:
            page = original.page or Page(None, original, config)
            _populate_page(page, config, files)
            _build_page(page, config, docs, fast.nav, env)
            written = fast.written.get(src)
        except Exception:   # rendered again by the parent, which reports it
            written = None
        finally:
            files.src_uris[src] = stand_ins[src]
        done.append(written and (written[0], written[1]))
        if written:
            hits, misses = hits + cache.hits - before[0], misses + cache.misses - before[1]
    return done, hits, misses
