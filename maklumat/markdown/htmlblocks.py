"""Rendered HTML -> the block model of `blocks` (what the reader's browser shows).

The redline reads the HTML the site's renderer made (rendering.py), as
assets/compare.js reads a page in the browser: leaves are headings, paragraphs, cells,
terms and code; text written straight into a list item (a tight list) is a paragraph
shown without <p>. The toc's "¶" links and script/style are not text a reader reads.
"""
from __future__ import annotations

import itertools
import re
import unicodedata
from html.parser import HTMLParser

from maklumat.markdown.blocks import Node, Word

WORD_RE = re.compile(r"\w(?:[\w'’.,@/:+&%-]*\w)?|[^\w\s]")
SPLIT_RE = re.compile(r"(\s*)(" + WORD_RE.pattern + ")")
INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b"))  # BOM / zero-width no-break, ZWSP

LEAF_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "th", "td", "pre", "dt"}
CONTAINERS = {"ul", "ol", "li", "table", "tr", "blockquote", "dl", "dd", "div"}
# Other block elements (raw HTML in a notice) hold blocks like a <div>.
AS_DIV = {"section", "article", "aside", "details", "figure", "footer", "header", "main", "nav",
          "address", "fieldset", "form", "summary", "figcaption"}
TRANSPARENT = {"thead", "tbody", "tfoot", "colgroup", "col", "caption"}
SKIP = {"script", "style", "template", "noscript"}
FORMAT = {"strong": "strong", "b": "strong", "em": "em", "i": "em", "code": "code"}
VOID = {"br", "img", "hr", "col", "input", "meta", "link", "wbr", "source"}


def split_words(text: str, fmt=(), href=None, space: bool = False) -> list[Word]:
    """Words of `text`; `space` says whether whitespace came just before it."""
    return [Word(tok, fmt, href, " " if gap or (space and n == 0) else "")
            for n, (gap, tok) in enumerate(SPLIT_RE.findall(text))]


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, list, dict]] = [("root", [], {})]
        self.seq = itertools.count()
        self.leaf: dict | None = None      # the open leaf: tag, words, attrs, tight, fmt, href, space
        self.skip = 0                      # depth inside content no reader reads
        self.inline: list[str] = []        # open inline tags (to pop formatting and links)

    # -- leaves ------------------------------------------------------------------
    def open_leaf(self, tag: str, attrs: dict, tight: bool = False):
        self.close_leaf()
        self.leaf = {"tag": tag, "words": [], "attrs": attrs, "tight": tight, "fmt": [], "href": [],
                     "space": False, "pre": tag == "pre", "raw": []}

    def close_leaf(self):
        leaf, self.leaf = self.leaf, None
        if leaf is None:
            return
        words = leaf["words"]
        if leaf["pre"]:
            code = "".join(leaf["raw"])
            code = code[:-1] if code.endswith("\n") else code
            words = [Word(tok, ("code",), None, gap) for gap, tok in re.findall(r"(\s*)(\S+)", code)]
        elif words and words[0].sep:
            w = words[0]
            words[0] = Word(w.text, w.fmt, w.href, "")   # nothing precedes a block's first word
        self.inline.clear()
        node = Node(leaf["tag"], words, attrs=tuple(sorted(leaf["attrs"].items())), tight=leaf["tight"],
                    seq=next(self.seq))
        self.stack[-1][1].append(node)

    def text(self, data: str):
        leaf = self.leaf
        if leaf is None:
            if not data.strip():
                return
            self.open_leaf("p", {}, tight=True)   # text straight in a list item, quote or div
            leaf = self.leaf
        if leaf["pre"]:
            leaf["raw"].append(data)
            return
        data = unicodedata.normalize("NFC", data.translate(INVISIBLE))
        if data:
            href = leaf["href"][-1] if leaf["href"] else None
            leaf["words"].extend(split_words(data, tuple(leaf["fmt"]), href, leaf["space"]))
            leaf["space"] = data[-1].isspace()

    # -- events ------------------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self.skip or tag in SKIP or "headerlink" in (a.get("class") or "").split():
            if tag not in VOID:
                self.skip += 1
            return
        if tag in LEAF_TAGS:
            cls = (a.get("class") or "").split()
            if tag == "p" and "admonition-title" in cls:
                self.open_leaf("title", {})
            else:
                # Every attribute counts (an attr_list's class or datetime changes the page);
                # only headings keep their id (a paragraph's id is no link a reader follows).
                self.open_leaf(tag, {k: v or "" for k, v in a.items() if k != "id" or tag[0] == "h"})
        elif tag in CONTAINERS or tag in AS_DIV:
            self.close_leaf()
            keep = {}
            if tag == "ol" and a.get("start"):
                keep["start"] = a["start"]
            if tag == "div" and "admonition" in (a.get("class") or "").split():
                keep["class"] = a["class"]
            self.stack.append(("div" if tag in AS_DIV else tag, [], keep))
        elif tag == "hr":
            self.close_leaf()
            self.stack[-1][1].append(Node("hr", seq=next(self.seq)))
        elif tag in TRANSPARENT or self.leaf is not None and self.leaf["pre"]:
            return
        elif tag == "br":
            if self.leaf is not None:
                self.leaf["words"].append(Word("\n", ("br",), None, ""))
                self.leaf["space"] = False
        elif tag == "img":
            if self.leaf is None:
                self.open_leaf("p", {}, tight=True)
            leaf = self.leaf
            alt = (a.get("alt") or "").strip() or "\u00a0"
            leaf["words"].append(Word(alt, tuple(leaf["fmt"]) + ("img",), a.get("src") or "",
                                      " " if leaf["space"] else ""))
            leaf["space"] = False
        elif tag not in VOID:
            if self.leaf is None:
                self.open_leaf("p", {}, tight=True)   # a tight list item starting with a link
            self.inline.append(tag)
            if tag in FORMAT:
                self.leaf["fmt"].append(FORMAT[tag])
            elif tag == "a" and "href" in a:
                self.leaf["href"].append(a["href"] or "")
            else:
                self.inline[-1] = "-"   # other inline HTML: its tags are not text

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if self.skip:
            if tag not in VOID:
                self.skip -= 1
            return
        if tag in LEAF_TAGS:
            self.close_leaf()
        elif tag in CONTAINERS or tag in AS_DIV:
            self.close_leaf()
            if len(self.stack) > 1:
                name, kids, attrs = self.stack.pop()
                self.stack[-1][1].append(Node(name, children=tuple(kids), attrs=tuple(sorted(attrs.items()))))
        elif self.leaf is not None and self.inline and tag not in VOID:
            opened = self.inline.pop()
            if opened in FORMAT and self.leaf["fmt"]:
                self.leaf["fmt"].pop()
            elif opened == "a" and self.leaf["href"]:
                self.leaf["href"].pop()

    def handle_data(self, data):
        if not self.skip:
            self.text(data)

    def finish(self) -> list[Node]:
        self.close()
        self.close_leaf()
        while len(self.stack) > 1:   # unclosed raw HTML: close what is open
            name, kids, attrs = self.stack.pop()
            self.stack[-1][1].append(Node(name, children=tuple(kids), attrs=tuple(sorted(attrs.items()))))
        return self.stack[0][1]


def read_html(html: str) -> list[Node]:
    """Top-level nodes of rendered HTML, leaves numbered in document order."""
    return read_counted(html)[0]


def read_counted(html: str) -> tuple[list[Node], int]:
    """Top-level nodes and how many leaves they hold (numbered from 0)."""
    reader = _Reader()
    reader.feed(html)
    nodes = reader.finish()
    return nodes, next(reader.seq)
