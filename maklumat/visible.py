"""What a reader can see of a notice: a fingerprint that ignores invisible bytes.

Two texts with the same fingerprint render the same to a reader, so a commit that
leaves the fingerprint unchanged is not a new version. We render the body with
markdown-it-py and collapse whitespace in the HTML: that absorbs BOMs, CRLF, trailing
spaces and blank lines, re-wrapped paragraphs and non-breaking spaces, while any change
to words, structure, links or front matter values shows.
"""
from __future__ import annotations

import hashlib
import json
import re

from markdown_it import MarkdownIt

from .frontmatter import FrontMatter

_md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
_SPACE = re.compile(r"[\s\u00a0\u202f\u2007]+")
_TAG_GAP = re.compile(r">\s+<")


def fingerprint(fm: FrontMatter) -> str:
    html = _md.render(fm.body)
    html = _TAG_GAP.sub("><", _SPACE.sub(" ", html)).strip()
    meta = json.dumps(fm.meta, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(f"{meta}\n{html}".encode()).hexdigest()
