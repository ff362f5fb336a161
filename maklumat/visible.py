"""What a reader can see of a notice: a fingerprint that ignores invisible bytes.

Two texts with the same fingerprint render the same to a reader, so a commit that
leaves the fingerprint unchanged is not a new version. We render the body with
markdown-it-py and collapse whitespace in the HTML: that absorbs BOMs, CRLF, trailing
spaces and blank lines, re-wrapped paragraphs and non-breaking spaces, while any change
to words, structure, links or front matter values shows. The body is rendered piece by
piece (blockparse.chunks), each piece's HTML cached: versions of a notice share most pieces.
"""
from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache

from markdown_it import MarkdownIt

from .blockparse import chunks
from .frontmatter import FrontMatter

_md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
_SPACE = re.compile(r"[\s\u00a0\u202f\u2007]+")
# Whitespace next to a block tag (or <br>) never shows; next to an inline tag it does:
# "[a](x) [b](y)" and "[a](x)[b](y)" read differently.
_BLOCK_GAP = re.compile(r" ?(</?(?:address|article|aside|blockquote|br|dd|details|div|dl|dt|figcaption"
                        r"|figure|footer|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|summary|table"
                        r"|tbody|td|tfoot|th|thead|tr|ul)\b[^>]*>) ?")


# A piece's HTML ending with one of these: the gap after it is this tag's own, whatever follows.
_CLEAN_END = re.compile(r"(?:</(?:p|ul|ol|table|blockquote|h[1-6]|pre)>|<hr />)\n\Z")


def fingerprint(fm: FrontMatter) -> str:
    pieces = chunks(fm.body)
    if len(pieces) == 1:
        html = _squash(_md.render(fm.body))
    else:
        parts = [_render(p) for p in pieces]
        if all(clean for _, _, clean in parts[:-1]) and all(raw[:1] == "<" for raw, _, _ in parts[1:]):
            html = "".join(squashed for _, squashed, _ in parts)   # no gap spans two pieces
        else:
            html = _squash("".join(raw for raw, _, _ in parts))
    meta = json.dumps(_plain(fm.meta), sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(f"{meta}\n{html.strip()}".encode()).hexdigest()


def _squash(html: str) -> str:
    return _BLOCK_GAP.sub(r"\1", _SPACE.sub(" ", html))


@lru_cache(maxsize=4096)
def _render(piece: str) -> tuple[str, str, bool]:
    """A piece's HTML, squashed, and whether it can be joined squashed."""
    raw = _md.render(piece)
    return raw, _squash(raw), bool(_CLEAN_END.search(raw))


def _plain(value):
    """YAML allows keys JSON cannot sort or hold (`1:`, `2025-01-10:`); make them strings."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value
