"""Markdown -> the block model of `blocks`, read from the page the site renders.

The text is rendered as the site renders it (rendering.py: Python-Markdown with the
site's extensions) and the HTML is read into blocks (htmlblocks.py), so a redline marks
exactly what a reader sees change. Anything a reader cannot see parses equal: line
re-flow, runs of blank lines, NBSP vs space, a BOM, CRLF vs LF, Markdown spelling
(`*a*` vs `_a_`, escapes, reference vs inline links) and Unicode normalisation (NFC).
Curly and straight quotes render differently (no smartypants here), so they differ.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from maklumat.markdown import rendering
from maklumat.markdown.blocks import HEADINGS, Document, Node, Section
from maklumat.markdown.htmlblocks import INVISIBLE, read_counted
from maklumat.parity.sections import slugify

FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)

_BLANK_RUN = re.compile(r"\n(?:[ \t]*\n){2,}")


def normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(INVISIBLE)
    text = unicodedata.normalize("NFC", text)
    # One blank line or three read the same to a reader (and to Python-Markdown, which
    # renders the site); markdown-it's definition lists alone tell them apart.
    text = _BLANK_RUN.sub("\n\n", text)
    return FRONT_MATTER_RE.sub("", text, count=1)


def unique_id(base: str, used: set[str]) -> str:
    new = base
    if new in used or not new:
        m = re.match(r"^(.*)_([0-9]+)$", new)
        stem, n = (m.group(1), int(m.group(2))) if m else (new, 0)
        n += 1
        while f"{stem}_{n}" in used:
            n += 1
        new = f"{stem}_{n}"
    used.add(new)
    return new


@lru_cache(maxsize=4096)
def _piece(html: str, offset: int) -> tuple[tuple[Node, ...], int]:
    """A piece's nodes, leaves numbered from `offset`: an edit elsewhere rarely moves it."""
    if offset:
        nodes, count = _piece(html, 0)
        return tuple(n.shifted(offset) for n in nodes), count
    nodes, count = read_counted(html)
    return tuple(nodes), count


def _piece_nodes(parts: list[str]) -> list[Node]:
    """Top-level nodes of a text rendered piece by piece (rendering.pieces)."""
    out: list[Node] = []
    offset = 0
    for html in parts:
        nodes, count = _piece(html, offset)
        out.extend(nodes)
        offset += count
    return out


def _explicit(anchor: str | None, title: str) -> bool:
    """Whether a heading's id was written by hand (`{#id}`), not made by the toc from its title."""
    return bool(anchor) and not re.fullmatch(re.escape(slugify(title)) + r"(?:_\d+)?", anchor)


def parse(text: str) -> Document:
    """Markdown text (front matter allowed) -> Document, read with the site's Markdown."""
    return _parse(text, rendering.active())


@lru_cache(maxsize=512)
def _parse(text: str, config) -> Document:
    """Cached: consecutive version pairs share texts, so each text is parsed once per build."""
    nodes = _piece_nodes(rendering.render_pieces(normalise(text)))
    used = {n.attr("id") for n in nodes if n.tag in HEADINGS and n.attr("id")}
    seen: set[str] = set()
    sections: list[Section] = []
    body: list[Node] = []
    current: tuple[Node | None, int, str | None, bool, str] = (None, 0, None, False, "")
    open_levels: list[tuple[int, int]] = []   # (level, section index)

    def close():
        heading, level, anchor, explicit, title = current
        if heading is None and not body:
            return
        while open_levels and open_levels[-1][0] >= level and level:
            open_levels.pop()
        parent = open_levels[-1][1] if open_levels and level else None
        sections.append(Section(heading, level, anchor, explicit, title, tuple(body), parent))
        if level:
            open_levels.append((level, len(sections) - 1))

    for node in nodes:
        if node.tag in HEADINGS:
            close()
            body = []
            title = node.text()
            explicit = _explicit(node.attr("id"), title)
            if node.attr("id"):   # a repeated `{#id}` would repeat an id in the redline: number it
                anchor = node.attr("id") if node.attr("id") not in seen else unique_id(node.attr("id"), used)
                seen.add(anchor)
            else:
                anchor = unique_id(slugify(title), used)
            attrs = tuple(sorted({**dict(node.attrs), "id": anchor}.items()))
            heading = Node(node.tag, node.words, attrs=attrs, seq=node.seq)
            current = (heading, int(node.tag[1]), anchor, explicit, title)
        else:
            body.append(node)
    close()
    return Document(tuple(sections), frozenset(used))
