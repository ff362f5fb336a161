"""Markdown -> block model, the input of redlines (plain Python: no MkDocs, no git).

A document is a tree of `Node`s (what a reader sees: headings, paragraphs, list
items, table cells, quotes, code) whose leaves hold `Word`s. A word keeps the
formatting and link target it is shown with, so a changed link target or a word
made bold compares as a change, while anything a reader cannot see compares equal:
line re-flow, NBSP vs space, a BOM, CRLF vs LF, Markdown spelling (`*a*` vs `_a_`,
escapes, reference vs inline links) and Unicode normalisation (NFC).
Curly and straight quotes render differently (no smartypants here), so they differ.
Parses are cached by piece of text (see `chunks`), so documents share their nodes and
words: nothing may change a Node or Word once built.
"""
from __future__ import annotations

import copy
import itertools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from markdown_it import MarkdownIt
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.deflist import deflist_plugin

# A word: letters/digits joined by inner punctuation (e-mail, hyphenated, 1.000,00,
# "data-data"); any other non-space character stands alone, so a changed comma is
# marked alone. Formatting never splits a word: `**Se**runi` is two words.
WORD_RE = re.compile(r"\w(?:[\w'’.,@/:+&%-]*\w)?|[^\w\s]")
SPLIT_RE = re.compile(r"(\s*)(" + WORD_RE.pattern + ")")
HAS_WORD = re.compile(r"\w")
# Python-Markdown attr_list: `{#id}`, `{: .cls key=val }` at the end of a block.
ATTR_RE = re.compile(r"[ \t]*\{:?[ \t]*((?:[#.][\w:-]+|[\w:-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}]+))"
                     r"(?:[ \t]+(?:[#.][\w:-]+|[\w:-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}]+)))*)[ \t]*\}[ \t]*$")
FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b"))  # BOM / zero-width no-break, ZWSP

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
LEAVES = HEADINGS | {"p", "th", "td", "pre", "hr", "dt", "title"}


class Word:
    """A word (or punctuation mark) as shown: its formatting and link target count,
    the spacing before it does not."""

    __slots__ = ("text", "fmt", "href", "sep", "key")

    def __init__(self, text: str, fmt: tuple[str, ...] = (), href: str | None = None, sep: str = " "):
        self.text = text
        self.fmt = fmt      # outermost first: strong, em, code, img, br
        self.href = href    # link target (image source for img)
        self.sep = sep      # what precedes it: " " or "" (code keeps its exact spacing)
        self.key = (text, fmt, href)

    @property
    def is_word(self) -> bool:
        """Counted in word totals (punctuation and line breaks are not)."""
        return "br" not in self.fmt and bool(HAS_WORD.search(self.text))

    def __repr__(self) -> str:
        return f"Word({self.text!r}, {self.fmt!r}, {self.href!r}, {self.sep!r})"


class Node:
    """A block: a leaf (heading, paragraph, cell, code...) holds words; a container
    (list, item, table, row, quote, admonition) holds nodes."""

    __slots__ = ("tag", "words", "children", "attrs", "tight", "seq", "key", "hkey", "_all", "_bag")

    def __init__(self, tag: str, words=(), children=(), attrs=(), tight=False, seq=-1):
        self.tag = tag              # HTML tag it renders as; "title" = admonition title
        self.words: tuple[Word, ...] = tuple(words)
        self.children: tuple[Node, ...] = tuple(children)
        self.attrs: tuple[tuple[str, str], ...] = tuple(attrs)   # id, start, style, class
        self.tight = tight          # a paragraph shown without <p> (tight list item)
        self.seq = seq              # document order of leaves (for lossless checks)
        # Equal keys mean the reader sees the same thing; hkey is hashed once.
        if tag in LEAVES:
            self.key = (tag, tuple(w.key for w in self.words), self.attr("class"))
        else:
            self.key = (tag, self.attr("start"), self.attr("class"), tuple(c.hkey for c in self.children))
        self.hkey = hash(self.key)
        self._all = self._bag = None

    @property
    def leaf(self) -> bool:
        return self.tag in LEAVES

    def shifted(self, offset: int) -> "Node":
        """The same node with its leaves numbered `offset` later (keys and words shared)."""
        new = object.__new__(Node)
        new.tag, new.words, new.attrs, new.tight = self.tag, self.words, self.attrs, self.tight
        new.key, new.hkey, new._all, new._bag = self.key, self.hkey, self._all, self._bag
        new.children = tuple(c.shifted(offset) for c in self.children)
        new.seq = self.seq + offset if self.seq >= 0 else self.seq
        return new

    def attr(self, name: str) -> str | None:
        for k, v in self.attrs:
            if k == name:
                return v
        return None

    @property
    def all_words(self) -> tuple[Word, ...]:
        if self._all is None:
            self._all = self.words if self.leaf else tuple(w for c in self.children for w in c.all_words)
        return self._all

    @property
    def bag(self) -> Counter:
        if self._bag is None:
            self._bag = Counter(w.text for w in self.all_words)
        return self._bag

    def same(self, other: "Node") -> bool:
        return self.hkey == other.hkey and self.key == other.key

    def leaves(self):
        if self.leaf:
            yield self
        else:
            for c in self.children:
                yield from c.leaves()

    def text(self) -> str:
        return "".join((w.sep if i else "") + w.text for i, w in enumerate(self.all_words))


@dataclass(frozen=True, eq=False)
class Section:
    """A heading and the blocks up to the next heading (any level)."""

    heading: Node | None     # None: text before the first heading
    level: int               # 0 for that text
    anchor: str | None       # the heading's id
    explicit: bool           # id written as `{#anchor}`
    title: str
    body: tuple[Node, ...]
    parent: int | None       # index of the enclosing section (by heading level)


@dataclass(frozen=True, eq=False)
class Document:
    sections: tuple[Section, ...]
    ids: frozenset = field(default_factory=frozenset)

    def words(self) -> list[Word]:
        out: list[Word] = []
        for s in self.sections:
            for n in ((s.heading,) if s.heading else ()) + s.body:
                out.extend(n.all_words)
        return out


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


def slugify(value: str) -> str:
    """Python-Markdown toc's default slug, so ids match the published page."""
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(r"[-\s]+", "-", value)


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
