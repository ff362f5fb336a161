"""The block model redlines compare (plain Python: no MkDocs, no git).

A document is a tree of `Node`s (what a reader sees: headings, paragraphs, list
items, table cells, quotes, code) whose leaves hold `Word`s. A word keeps the
formatting and link target it is shown with, so a changed link target or a word
made bold compares as a change. `blockparse` builds the model from Markdown and
caches parses by piece of text, so documents share their nodes and words: nothing
may change a Node or Word once built.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

HAS_WORD = re.compile(r"\w")
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
LEAVES = HEADINGS | {"p", "th", "td", "pre", "hr", "dt", "title"}


class Word:
    """A word (or punctuation mark) as shown: its formatting, link target and whether
    a space precedes it count (the width of that space does not)."""

    __slots__ = ("text", "fmt", "href", "sep", "key")

    def __init__(self, text: str, fmt: tuple[str, ...] = (), href: str | None = None, sep: str = " "):
        self.text = text
        self.fmt = fmt      # outermost first: strong, em, code, img, br
        self.href = href    # link target (image source for img)
        self.sep = sep      # what precedes it: " " or "" (code keeps its exact spacing)
        self.key = (text, fmt, href, sep if "code" in fmt else bool(sep))

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
        # Attributes count (a heading's id is its link; a class or start changes the look),
        # and so does a list item shown with or without a paragraph's spacing.
        if tag in LEAVES:
            self.key = (tag, tuple(w.key for w in self.words), self.attrs, tight)
        else:
            self.key = (tag, self.attrs, tuple(c.hkey for c in self.children))
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
