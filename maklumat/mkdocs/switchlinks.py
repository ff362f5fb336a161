"""The language switch's links (`extra.alternate`, which Material's header reads) for each page and the 404 page."""
from __future__ import annotations

from copy import deepcopy
from urllib.parse import urlsplit

from maklumat.mkdocs.plaintext import quote_url


def for_page(build, job, config, i18n) -> None:
    """A page's switch: static-i18n's for the pages it knows; a generated page's points at
    the same notice and version in each language. Material writes the links into href as
    they are, and a file name may hold '"' or '<': quoted."""
    if job is not None and job.generated and i18n.extra_alternate:
        alternates = for_generated(build, job, i18n)
    else:
        alternates = _current(config)
        for alt in alternates:
            if job is not None and job.generated:   # (what the page before left: page_inputs)
                alt["link"] = build.alternate_url(job, alt["lang"]) or alt["link"]
            alt["link"] = quote_url(alt["link"])
    _set(config, alternates)


def for_generated(build, job, i18n) -> list[dict]:
    """static-i18n sets `extra.alternate` as an attribute (what Jinja reads) only for the
    pages it knows, from its per-language list (each language's home); a generated page
    starts from that list too (never from the page rendered before it)."""
    alternates = deepcopy(i18n.extra_alternate)
    for alt in alternates:
        alt["link"] = quote_url(build.alternate_url(job, alt["lang"]) or alt["link"])
    return alternates


def for_404(build, config) -> None:
    """The 404 page's switch leads to each language's home, not to the last page rendered."""
    base = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
    alternates = _current(config)
    for alt in alternates:
        alt["link"] = base + build.settings.url_prefix(alt["lang"])
    _set(config, alternates)


def _current(config) -> list[dict]:
    return deepcopy(getattr(config.extra, "alternate", None) or config.extra.get("alternate") or [])


def _set(config, alternates: list[dict]) -> None:
    config.extra.alternate = alternates
    config.extra["alternate"] = alternates
