"""Markdown -> the block model of `blocks` (plain Python: no MkDocs, no git).

Anything a reader cannot see parses equal: line re-flow, runs of blank lines, NBSP vs
space, a BOM, CRLF vs LF, Markdown spelling (`*a*` vs `_a_`, escapes, reference vs
inline links) and Unicode normalisation (NFC). Curly and straight quotes render
differently (no smartypants here), so they differ. Parses are cached by piece of text
(see `chunks`): consecutive versions of a notice share most pieces.
"""
from __future__ import annotations

import copy
import itertools
import re
import unicodedata
from functools import lru_cache

from markdown_it import MarkdownIt
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.deflist import deflist_plugin

from .blocks import HEADINGS, Document, Node, Section, Word
from .sections import slugify

# A word: letters/digits joined by inner punctuation (e-mail, hyphenated, 1.000,00,
# "data-data"); any other non-space character stands alone, so a changed comma is
# marked alone. Formatting never splits a word: `**Se**runi` is two words.
WORD_RE = re.compile(r"\w(?:[\w'’.,@/:+&%-]*\w)?|[^\w\s]")
SPLIT_RE = re.compile(r"(\s*)(" + WORD_RE.pattern + ")")
# Python-Markdown attr_list: `{#id}`, `{: .cls key=val }` at the end of a block.
ATTR_RE = re.compile(r"[ \t]*\{:?[ \t]*((?:[#.][\w:-]+|[\w:-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}]+))"
                     r"(?:[ \t]+(?:[#.][\w:-]+|[\w:-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}]+)))*)[ \t]*\}[ \t]*$")
FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b"))  # BOM / zero-width no-break, ZWSP

_md = MarkdownIt("commonmark").enable("table").use(admon_plugin).use(deflist_plugin)

# A blank line before an unindented line that starts no list item ends every open block,
# so markdown-it reads the pieces between such breaks alone exactly as in the whole text
# (only `map` line numbers differ, which nothing here reads). Not so with reference
# definitions (document-wide), fences and raw-HTML blocks that may hold blank lines, or
# definition lists (a term after a blank line joins the list above): such texts stay whole.
_BREAK = re.compile(r"\n\n(?=[^\s\-+*\d:~])")
_WHOLE_MARKS = ("]:", "```", "~~~", "<!", "<?", "\r", "\0")   # plain `in` tests: faster than one regex
_WHOLE_HTML = re.compile(r"<(?:script|pre|style|textarea)", re.I)
_DEFLIST = re.compile(r"\n[ \t]*[:~]")


def chunks(text: str) -> list[str]:
    """`text` cut into pieces that markdown-it (CommonMark + tables, with or without
    admonitions, definition lists, strikethrough) parses alone as it would in place.
    Consecutive versions share most pieces, so their parses can be cached by piece."""
    if (any(m in text for m in _WHOLE_MARKS) or _WHOLE_HTML.search(text) or _DEFLIST.search(text)
            or text.lstrip(" \t")[:1] in (":", "~")):
        return [text]
    out, start = [], 0
    for m in _BREAK.finditer(text):
        out.append(text[start:m.end()])
        start = m.end()
    out.append(text[start:])
    return out


_BLANK_RUN = re.compile(r"\n(?:[ \t]*\n){2,}")


def normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(INVISIBLE)
    text = unicodedata.normalize("NFC", text)
    # One blank line or three read the same to a reader (and to Python-Markdown, which
    # renders the site); markdown-it's definition lists alone tell them apart.
    text = _BLANK_RUN.sub("\n\n", text)
    return FRONT_MATTER_RE.sub("", text, count=1)


def split_words(text: str, fmt=(), href=None, space: bool = False) -> list[Word]:
    """Words of `text`; `space` says whether whitespace came just before it."""
    out = [Word(tok, fmt, href, " " if gap else "") for gap, tok in SPLIT_RE.findall(text)]
    if out and space:
        out[0].sep = " "
    return out


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


class _Inline:
    """Turns markdown-it inline children into words, tracking formatting and links."""

    def __init__(self):
        self.words: list[Word] = []
        self.fmt: list[str] = []
        self.href: list[str] = []
        self.space = False   # whitespace pending before the next word

    def add(self, text: str, extra=()):
        if text:
            href = self.href[-1] if self.href else None
            self.words.extend(split_words(text, tuple(self.fmt) + extra, href, self.space))
            self.space = text[-1].isspace()

    def feed(self, children):
        for i, t in enumerate(children):
            kind = t.type
            if kind == "text":
                text = t.content
                if i and children[i - 1].type in ("link_close", "image"):
                    text = re.sub(r"^\{:?[^}\n]*\}", "", text)   # inline attr_list after a link
                self.add(text)
            elif kind == "code_inline":
                self.add(t.content, ("code",))
            elif kind == "softbreak":
                self.space = True
            elif kind == "hardbreak" or (kind == "html_inline" and re.match(r"<br\s*/?>", t.content, re.I)):
                self.words.append(Word("\n", ("br",), None, ""))
                self.space = False
            elif kind in ("strong_open", "em_open"):
                self.fmt.append(t.tag)
            elif kind in ("strong_close", "em_close") and self.fmt:
                self.fmt.pop()
            elif kind == "link_open":
                self.href.append(t.attrs.get("href", ""))
            elif kind == "link_close" and self.href:
                self.href.pop()
            elif kind == "image":
                alt = "".join(c.content for c in t.children or ()) or "\u00a0"
                self.words.append(Word(alt, tuple(self.fmt) + ("img",), t.attrs.get("src", ""),
                                       " " if self.space else ""))
                self.space = False
            # other inline HTML: its tags are not text a reader sees


def _inline_words(token, strip_attrs: bool) -> tuple[list[Word], dict]:
    """Words of an inline token; a trailing attr_list is removed and returned."""
    children = list(token.children or [])
    attrs: dict = {}
    if strip_attrs and children and children[-1].type == "text":
        m = ATTR_RE.search(children[-1].content)
        if m:
            last = copy.copy(children[-1])
            last.content = last.content[:m.start()]
            children[-1] = last
            for part in m.group(1).split():
                if part.startswith("#") and len(part) > 1:
                    attrs["id"] = part[1:]
    inline = _Inline()
    inline.feed(children)
    if inline.words:
        inline.words[0].sep = ""   # nothing precedes a block's first word
    return inline.words, attrs


LEAF_OPEN = {"paragraph_open", "heading_open", "th_open", "td_open", "dt_open", "admonition_title_open"}
LEAF_CLOSE = {t.replace("_open", "_close") for t in LEAF_OPEN}


def _build(tokens) -> tuple[list[Node], int]:
    """markdown-it block tokens -> nested nodes (headings stay top-level nodes), and
    the number of leaves (numbered from 0 in document order)."""
    stack: list[tuple[str, list, dict]] = [("root", [], {})]
    opener = None
    seq = itertools.count()   # leaves in document order
    for t in tokens:
        if t.type in LEAF_OPEN:
            opener = t
        elif t.type in LEAF_CLOSE or t.type in ("thead_open", "tbody_open", "thead_close", "tbody_close"):
            continue   # rows go straight into the table; header rows are all <th>
        elif t.nesting == 1:
            attrs = {}
            if t.type == "ordered_list_open" and t.attrs.get("start"):
                attrs["start"] = str(t.attrs["start"])
            if t.type == "admonition_open":
                attrs["class"] = str(t.attrs.get("class", "admonition"))
            stack.append(("div" if t.type == "admonition_open" else t.tag, [], attrs))
        elif t.nesting == -1:
            tag, kids, attrs = stack.pop()
            stack[-1][1].append(Node(tag, children=tuple(kids), attrs=tuple(sorted(attrs.items()))))
        elif t.type == "inline":
            tag = "title" if opener.type == "admonition_title_open" else opener.tag
            words, found = _inline_words(t, strip_attrs=tag not in ("th", "td"))
            attrs = {}
            if tag in ("th", "td") and opener.attrs.get("style"):
                attrs["style"] = str(opener.attrs["style"])
            if "id" in found and tag[0] == "h":
                attrs["id"] = found["id"]
            stack[-1][1].append(Node(tag, words, attrs=tuple(sorted(attrs.items())),
                                     tight=bool(opener.hidden), seq=next(seq)))
        elif t.type in ("fence", "code_block"):
            code = t.content[:-1] if t.content.endswith("\n") else t.content
            words = [Word(tok, ("code",), None, gap) for gap, tok in re.findall(r"(\s*)(\S+)", code)]
            stack[-1][1].append(Node("pre", words, seq=next(seq)))
        elif t.type == "hr":
            stack[-1][1].append(Node("hr", seq=next(seq)))
        elif t.type == "html_block":
            words = split_words(re.sub(r"<[^>]*>", " ", t.content))
            stack[-1][1].append(Node("p", words, seq=next(seq)))
    return stack[0][1], next(seq)


@lru_cache(maxsize=4096)
def _piece(piece: str, offset: int) -> tuple[tuple[Node, ...], int]:
    """A piece's nodes, leaves numbered from `offset`: an edit elsewhere rarely moves it."""
    if offset:
        nodes, count = _piece(piece, 0)
        return tuple(n.shifted(offset) for n in nodes), count
    nodes, count = _build(_md.parse(piece))
    return tuple(nodes), count


def _nodes(text: str) -> list[Node]:
    """Top-level nodes of a normalised text, parsed piece by piece (see `chunks`)."""
    pieces = chunks(text)
    if len(pieces) == 1:
        return _build(_md.parse(text))[0]
    out: list[Node] = []
    offset = 0
    for piece in pieces:
        nodes, count = _piece(piece, offset)
        out.extend(nodes)
        offset += count
    return out


@lru_cache(maxsize=512)
def parse(text: str) -> Document:
    """Markdown text (front matter allowed) -> Document. Cached: consecutive version
    pairs share texts, so each text is parsed once per build."""
    nodes = _nodes(normalise(text))
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
            explicit = node.attr("id") is not None
            title = node.text()
            if explicit:   # a repeated `{#id}` would repeat an id in the redline: number it
                anchor = node.attr("id") if node.attr("id") not in seen else unique_id(node.attr("id"), used)
                seen.add(anchor)
            else:
                anchor = unique_id(slugify(title), used)
            attrs = tuple(sorted({"id": anchor}.items()))
            heading = Node(node.tag, node.words, attrs=attrs, seq=node.seq)
            current = (heading, int(node.tag[1]), anchor, explicit, title)
        else:
            body.append(node)
    close()
    return Document(tuple(sections), frozenset(used))
