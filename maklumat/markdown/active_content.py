"""Refuses active or off-site content in a notice: the published text is words, links and tables.

Python-Markdown passes raw HTML through, so a notice could carry a script, a frame, an event
handler or an image from another site, and every archived copy would keep it forever. A
privacy-notice site runs no script of an editor's and sends its visitors to no third party,
so the text about to be published is read as the site renders it and refused with its line.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

from maklumat.errors import MaklumatError, Phrase

_ELEMENTS = {"script", "iframe", "frame", "object", "embed", "applet", "style", "link", "meta", "base",
             "form", "input", "button", "textarea", "select", "video", "audio", "source", "track",
             "svg", "math", "portal"}
_URL_ATTRS = {"href", "src", "srcset", "action", "formaction", "poster", "data", "background", "xlink:href"}
_SCHEME = re.compile(r"^\s*([a-z][a-z0-9+.-]*)\s*:", re.I)
_SAFE_LINK_SCHEMES = {"http", "https", "mailto", "tel"}


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[Phrase, str]] = []   # (what, source token to find the line by)

    def handle_starttag(self, tag, attrs):
        if tag in _ELEMENTS:
            self.found.append((Phrase("active_element", {"tag": tag}), f"<{tag}"))
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.append((Phrase("active_handler", {"name": name}), name))
            elif name == "style" and re.search(r"url\s*\(|expression\s*\(", value, re.I):
                self.found.append((Phrase("active_style", {}), "style"))
            elif name in _URL_ATTRS:
                scheme = _SCHEME.match(value)
                if scheme and scheme.group(1).lower() not in _SAFE_LINK_SCHEMES:
                    self.found.append((Phrase("active_scheme", {"scheme": scheme.group(1)}), scheme.group(1) + ":"))
                elif name != "href" and (scheme or value.strip().startswith("//")):
                    self.found.append((Phrase("active_resource", {"url": value.strip()[:80]}), value.strip()))

    handle_startendtag = handle_starttag


def check(html: str, source: str, path: str, first_line: int = 1) -> None:
    """Raise a plain error naming `path` and the line of the first active or off-site thing
    in `html` (the rendering of `source`, whose first line is file line `first_line`)."""
    finder = _Finder()
    finder.feed(html)
    finder.close()
    if not finder.found:
        return
    what, token = finder.found[0]
    offset = source.lower().find(token.lower())
    line = first_line + source.count("\n", 0, offset) if offset >= 0 else None
    raise MaklumatError.say("active_content", path, line, what=what)
