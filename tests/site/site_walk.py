"""One pass over every page of the built site in Chromium, for test_site_every_page.py,
test_site_switch.py and test_site_offline.py: each page is loaded, left until the network
is idle, read, and its language switch clicked there and back. The walk only records what
it saw (JSON-able, so pytest-xdist workers can share it); the tests judge.

Pages load in several tabs at once: each page's visit is a generator that yields right
after starting something the browser then does on its own (a navigation, a click), and
`interleave` resumes the tabs' visits in turn, so one tab's page loads or sits out its
network-idle wait while another is read. A tab waits for its network to go quiet by
yielding (`Traffic`), not in Playwright's blocking "networkidle" wait, which would hold up
every other tab; that wait then confirms it at once. A visit ends on an idle page, so no
request of its pages is cut off by the next visit.
"""
from __future__ import annotations

import json
import time
from collections import deque
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from site_pages import LANGS, prefix

TABS = 6
QUIET = 0.5    # seconds without a request in flight: Playwright's "networkidle"
WAIT = object()   # what a job yields while it waits for something (interleave then pumps events)
NO_TRANSITIONS = """document.addEventListener("DOMContentLoaded", () => {
  const style = document.createElement("style");
  style.textContent = "*, *::before, *::after { transition: none !important; animation: none !important; }";
  document.head.append(style);
});"""
# What the page shows in its own language: the body's text without elements marked as
# another language (lang="…": a summary not yet translated, the other language's name),
# and the attributes a reader meets (title, aria-label, placeholder, alt).
SCAN = """() => {
  const own = document.documentElement.lang;
  const marked = [...document.body.querySelectorAll('[lang]')].filter(el => el.lang !== own);
  for (const el of marked) el.dataset.mkScan = el.style.display, el.style.display = 'none';
  const text = document.body.innerText;
  for (const el of marked) el.style.display = el.dataset.mkScan;
  const attrs = [];
  for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], [alt]'))
    for (const a of ['title', 'aria-label', 'placeholder', 'alt'])
      if (el.hasAttribute(a)) attrs.push(el.getAttribute(a));
  return {text, attrs, lang: own};
}"""


def all_pages(site: Path) -> list[str]:
    pages = sorted("/" + p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html"))
    return [p.replace("/./", "/") for p in pages]


def swapped(path: str, src: str, dst: str) -> str:
    """The same path in another language: /privacy/x/ <-> /en/privacy/x/."""
    return "/" + prefix(dst) + path[len("/" + prefix(src)):]


def language_of_path(path: str) -> str:
    return next((lang for lang in LANGS if prefix(lang) and path.startswith("/" + prefix(lang))),
                next(lang for lang in LANGS if not prefix(lang)))


@dataclass
class Seen:
    """A page as loaded and left idle: where (path and ?query), its lang, its words."""
    url: str
    lang: str
    text: str
    attrs: list[str]


@dataclass
class Hop:
    """One click on the language switch: from which page (in which language) to where."""
    origin: str
    lang: str
    landed: str          # path
    query: str
    landed_lang: str
    nearest_shown: list[bool]   # is each .mk-nearest note on the landed page visible?


@dataclass
class Walk:
    pages: list[str]
    base: str                                          # the server the walk opened them on
    seen: list[Seen] = field(default_factory=list)
    hops: list[Hop] = field(default_factory=list)
    requested: list[str] = field(default_factory=list)  # every URL any page asked for
    failed: list[str] = field(default_factory=list)    # failed requests, HTTP status >= 400
    errors: list[str] = field(default_factory=list)    # console errors, uncaught exceptions
    crashed: list[str] = field(default_factory=list)   # a visit that stopped half-way

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self)), "utf-8")

    @classmethod
    def load(cls, path: Path) -> "Walk":
        data = json.loads(path.read_text("utf-8"))
        return cls(**{**data, "seen": [Seen(**x) for x in data["seen"]], "hops": [Hop(**x) for x in data["hops"]]})


class Traffic:
    """A tab's requests in flight, as its events report them (delivered whenever any
    Playwright call runs): lets a visit wait for quiet by yielding."""

    def __init__(self, tab):
        self.inflight: set = set()
        self.last = time.monotonic()
        tab.on("request", self._began)
        tab.on("requestfinished", self._ended)
        tab.on("requestfailed", self._ended)

    def _began(self, request) -> None:
        self.inflight.add(request)
        self.last = time.monotonic()

    def _ended(self, request) -> None:
        self.inflight.discard(request)
        self.last = time.monotonic()

    def quiet(self, since: float) -> bool:
        """Requests were made after `since`, and none for QUIET seconds."""
        return not self.inflight and self.last > since and time.monotonic() - self.last >= QUIET


def interleave(tabs: list, jobs: deque) -> list[str]:
    """Run the generator jobs (callables taking a tab) on `tabs`, one job per tab at a time,
    resuming each tab's job in turn; `jobs` may grow meanwhile. A job that raises is
    reported, by its `label`, and the others go on. When every job is waiting (yielded
    WAIT), a short Playwright wait lets the browser's events in."""
    running: dict[int, tuple[str, object]] = {}
    crashed = []
    while jobs or running:
        waiting = 0
        for i, tab in enumerate(tabs):
            if i not in running:
                if not jobs:
                    continue
                job = jobs.popleft()
                running[i] = (job.label, job(tab))
            label, steps = running[i]
            try:
                waiting += next(steps) is WAIT
            except StopIteration:
                del running[i]
            except Exception as exc:   # noqa: BLE001 - the tests report it, with the page
                del running[i]
                crashed.append(f"{label}: {type(exc).__name__}: {exc}")
        if running and waiting == len(running):
            tabs[0].wait_for_timeout(20)
    return crashed


def walk_site(browser, base_url: str, site: Path) -> Walk:
    walk = Walk(all_pages(site), base_url)
    pages = set(walk.pages)
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    # The menu's fade-in would make every click wait for the link to stop moving.
    context.add_init_script(NO_TRANSITIONS)
    context.on("request", lambda request: walk.requested.append(request.url))
    where: dict[int, str] = {}   # tab -> the page it is on, to say where a failure happened
    traffic: dict[int, Traffic] = {}

    def watch(tab):
        key = id(tab)
        traffic[key] = Traffic(tab)
        tab.on("requestfailed", lambda r: walk.failed.append(f"{where[key]}: {r.url} ({r.failure})"))
        tab.on("response", lambda r: walk.failed.append(f"{where[key]}: {r.status} {r.url}")
               if r.status >= 400 else None)
        tab.on("console", lambda m: walk.errors.append(f"{where[key]}: {m.text}") if m.type == "error" else None)
        tab.on("pageerror", lambda e: walk.errors.append(f"{where[key]}: {e}"))
        return tab

    def settle(tab, since: float):
        """The page once the network is idle (load and late requests done), read. Waits
        by yielding until its requests since `since` are over (`Traffic`); Playwright's
        own wait decides (and then returns at once, or waits for what Traffic missed)."""
        waited = time.monotonic()
        while not traffic[id(tab)].quiet(since) and time.monotonic() - waited < 10:
            yield WAIT
        tab.wait_for_load_state("networkidle")
        url = urlsplit(tab.url)
        seen = tab.evaluate(SCAN)
        page = Seen(url.path + (f"?{url.query}" if url.query else ""), seen["lang"], seen["text"], seen["attrs"])
        walk.seen.append(page)
        return page

    def switch(tab, here: Seen):
        """Material's language menu opens on hover; click the other language. Yields while
        the other page loads; leaves the tab on it, idle, and records the hop."""
        other = next(x for x in LANGS if x != here.lang)
        origin = urlsplit(tab.url).path
        where[id(tab)] = f"{origin} -> {other}"
        tab.bring_to_front()   # a background tab gets no animation frames: hover would wait for one
        tab.hover(".md-header__option .md-select")
        since = time.monotonic()
        tab.click(f'.md-select__link[hreflang="{other}"]', no_wait_after=True)
        yield
        tab.wait_for_url(lambda u: urlsplit(u).path != origin, wait_until="commit")
        landed = urlsplit(tab.url)
        where[id(tab)] = landed.path + (f"?{landed.query}" if landed.query else "")
        there = yield from settle(tab, since)
        landed = urlsplit(tab.url)
        note = tab.locator(".mk-nearest")   # (its script has run: the page is loaded and idle)
        shown = [note.nth(i).is_visible() for i in range(note.count())]
        walk.hops.append(Hop(origin, here.lang, landed.path, landed.query, there.lang, shown))
        return there

    def visit(path: str, partner: str | None):
        """Load `path`; then (not for /assets/) switch language, and from an exact
        counterpart (`partner`) switch back: both pages' switches checked, each page read."""
        def job(tab):
            where[id(tab)] = path
            since = time.monotonic()
            tab.goto(path, wait_until="commit")
            yield
            here = yield from settle(tab, since)
            if path.startswith("/assets/") or here.lang not in LANGS:
                return
            there = yield from switch(tab, here)
            if urlsplit(tab.url).query or urlsplit(tab.url).path != partner:
                if partner:    # no exact landing: the partner page gets a visit of its own
                    jobs.append(visit(partner, None))
                return
            yield from switch(tab, there)
        job.label = path
        return job

    # Each page with its counterpart in the other language (if built) makes one visit:
    # the prevailing language's pages first, so their partners are claimed by then.
    jobs: deque = deque()
    claimed: set[str] = set()
    for path in sorted(walk.pages, key=lambda p: (language_of_path(p) != LANGS[0], p)):
        if path in claimed:
            continue
        lang = language_of_path(path)
        partner = next((q for q in (swapped(path, lang, x) for x in LANGS if x != lang) if q in pages), None)
        claimed.update({path, partner} - {None})
        jobs.append(visit(path, partner))
    try:
        tabs = [watch(context.new_page()) for _ in range(TABS)]
        walk.crashed = interleave(tabs, jobs)
    finally:
        context.close()
    return walk
