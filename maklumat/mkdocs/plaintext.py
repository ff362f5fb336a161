"""Everything a notice, a file name or front matter puts into the theme, as escaped plain text.

MkDocs' Jinja does not autoescape, and Material writes titles, front matter and section
names into HTML as they are: the plugin hands them over escaped once, as Markup.
"""
from __future__ import annotations

import html
from urllib.parse import quote

from markupsafe import Markup


def plain_text_titles(page) -> None:
    """MkDocs' Jinja does not autoescape and Material writes page titles, front matter
    (title, description, ...) and section names into HTML as they are. Every title is
    plain text: a heading's text, a front matter `title:` (markup in it is shown as
    text) or the file name. Each is handed to the theme escaped once, as Markup, so
    Material's own `| e` leaves it alone and nothing from a notice becomes markup.
    Runs for every page before any template is rendered (MkDocs renders all pages'
    Markdown first), so the navigation on every page gets the escaped titles too."""
    if "title" in page.meta:
        plain = str(page.meta["title"])
    elif getattr(page, "_title_from_render", None):   # the first heading: HTML text, no tags
        plain = html.unescape(page._title_from_render)
    else:
        plain = page.title
    for key in list(page.meta):
        page.meta[key] = escaped(page.meta[key])
    if page.edit_url:   # Material writes it into href as it is; MkDocs does not quote the file name
        page.edit_url = quote_url(page.edit_url)
    if plain is not None:
        page.title = as_text(plain)


def quote_url(url: str) -> str:
    """Percent-encode what a URL cannot hold as it is ('"', '<', spaces), leaving what is
    already encoded alone."""
    return quote(url, safe=":/?#[]@!$()*+,;=%~")


def as_text(plain: str) -> Markup:
    return plain if isinstance(plain, Markup) else Markup(html.escape(str(plain), quote=True))


def escaped(value):
    """Every string in front matter, escaped for HTML (MkDocs and Material read values
    like `template:` or `hide:` that escaping leaves unchanged)."""
    if isinstance(value, str):
        return as_text(value)
    if isinstance(value, dict):
        return {k: escaped(v) for k, v in value.items()}
    if isinstance(value, list):
        return [escaped(v) for v in value]
    return value
