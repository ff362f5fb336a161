"""What a reader can see of a notice: a fingerprint that ignores invisible bytes.

Two texts with the same fingerprint render the same to a reader, so a commit that
leaves the fingerprint unchanged is not a new version. The body is rendered as the site
renders it (rendering.py: Python-Markdown with the site's extensions) and whitespace is
collapsed in the HTML: that absorbs BOMs, CRLF, trailing spaces and blank lines,
re-wrapped paragraphs and non-breaking spaces, while any change to words, structure,
links, ids or front matter values shows, and so does a space between inline elements.
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata

from maklumat.markdown import rendering
from maklumat.markdown.frontmatter import FrontMatter
from maklumat.markdown.htmlblocks import INVISIBLE
from maklumat.model import MarkdownConfig

_SPACE = re.compile(r"[\s\u00a0\u202f\u2007]+")
# Whitespace next to a block tag (or <br>) never shows; next to an inline tag it does:
# "[a](x) [b](y)" and "[a](x)[b](y)" read differently.
_BLOCK_GAP = re.compile(r" ?(</?(?:address|article|aside|blockquote|br|dd|details|div|dl|dt|figcaption"
                        r"|figure|footer|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|summary|table"
                        r"|tbody|td|tfoot|th|thead|tr|ul)\b[^>]*>) ?")


def read_with(config: MarkdownConfig) -> None:
    """Fingerprints (and redlines) read notices with the site's Markdown from now on."""
    rendering.use(config)


def fingerprint(fm: FrontMatter, config: MarkdownConfig | None = None) -> str:
    html = visible_html(fm.body, config)
    meta = json.dumps(_plain(fm.meta), sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(f"{meta}\n{html}".encode()).hexdigest()


def visible_html(body: str, config: MarkdownConfig | None = None) -> str:
    """The rendered body with the whitespace a reader cannot see taken out; zero-width
    characters and Unicode normalisation (NFC) are invisible too, as in the redline."""
    html = squash(rendering.render(body, config)).strip()
    return unicodedata.normalize("NFC", html.translate(INVISIBLE))


def squash(html: str) -> str:
    return _BLOCK_GAP.sub(r"\1", _SPACE.sub(" ", html))


def _plain(value):
    """YAML allows keys JSON cannot sort or hold (`1:`, `2025-01-10:`); make them strings."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value
