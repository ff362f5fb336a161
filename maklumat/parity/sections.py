"""A notice as a tree of sections, with the shapes parity compares (lists, tables).

Parsed with markdown-it-py (CommonMark + tables) for its line numbers, never with
MkDocs; the lists and tables are then those the site's renderer shows (shapes.py), so
parity compares what readers see. Every line number is a 1-based line of the FILE,
front matter included, because that is what an editor sees in the editor and what CI
annotations point at.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from markdown_it import MarkdownIt

from maklumat.markdown import frontmatter
from maklumat.parity.shapes import reconcile

_md = MarkdownIt("commonmark").enable("table").enable("strikethrough")

# attr_list as Python-Markdown writes it: `{#id}`, `{: #id .class key=value }`.
_ATTR_ITEM = r"(?:[#.][\w:-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}]*))"
ATTR_LIST = re.compile(rf"\{{:?\s*{_ATTR_ITEM}(?:\s+{_ATTR_ITEM})*\s*\}}")
_TRAILING_ATTRS = re.compile(rf"\s*({ATTR_LIST.pattern})\s*$")
_ANCHOR = re.compile(r"(?:^|\s|\{:?)#([\w:-]+)")


@dataclass(frozen=True)
class Run:
    """A piece of what a reader sees, on one file line: plain text, or a link target."""

    line: int
    text: str
    link: bool = False      # True: `text` is an href/src, not prose


@dataclass(frozen=True)
class TableShape:
    line: int               # the header row's line
    rows: int               # body rows (the header row is not counted)
    cols: int
    row_lines: tuple[int, ...] = ()   # each body row's line


@dataclass(frozen=True)
class ListShape:
    line: int               # the first item's line
    items: tuple[int, ...]  # each direct item's line
    ordered: bool
    spans: tuple[tuple[int, int], ...] = ()   # each direct item's first and last line


@dataclass
class Section:
    """A heading and what follows it up to the next heading of the same or a higher
    level. Level 0 is the document root (the text before the first heading).

    `list_items`, `lists`, `table_shapes`, `runs` and `text` cover the section's OWN
    content only (up to its first sub-heading), so that a flat walk compares each
    piece of text exactly once."""

    level: int
    title: str
    anchor: str | None                  # explicit `{#anchor}`, else None
    line_start: int                     # the heading's line (root: 1)
    line_end: int                       # last line, sub-sections included
    children: list[Section] = field(default_factory=list)
    list_items: list[int] = field(default_factory=list)   # lines of every list item
    lists: list[ListShape] = field(default_factory=list)
    table_shapes: list[TableShape] = field(default_factory=list)
    text: str = ""
    runs: list[Run] = field(default_factory=list)
    body_end: int = 0                   # last line of the own content
    id: str | None = None               # the heading's id as rendered (shapes.reconcile)

    @property
    def slug(self) -> str:
        """The id MkDocs gives the heading: as rendered, else the explicit anchor, else toc's slug."""
        return self.id or self.anchor or slugify(self.title)

    def walk(self):
        """This section and every sub-section, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Document:
    path: str
    meta: dict
    effective_line: int | None          # line of `effective:` in the front matter
    root: Section
    effective: dt.date | None = None    # front matter `effective:`, validated

    @property
    def sections(self) -> list[Section]:
        """Every section in document order, the root first."""
        return list(self.root.walk())


def slugify(title: str) -> str:
    """Python-Markdown's toc slug (the default MkDocs uses for heading ids)."""
    value = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(r"[-\s]+", "-", value)


def split_heading(content: str) -> tuple[str, str | None]:
    """`Retensi Data {#retention}` -> ("Retensi Data", "retention")."""
    m = _TRAILING_ATTRS.search(content)
    if not m:
        return content.strip(), None
    anchor = _ANCHOR.search(m.group(1))
    return content[: m.start()].strip(), anchor.group(1) if anchor else None


def parse_document(text: str, path: str = "<text>") -> Document:
    """Parse a notice (front matter and Markdown). Raises MaklumatError naming the
    file and line when the front matter is malformed."""
    text = frontmatter.clean_text(text, path)
    fm = frontmatter.parse(text, path)
    offset = fm.body_line - 1           # body line 0 is file line fm.body_line
    total = text.count("\n") + (0 if text.endswith("\n") else 1)
    root = Section(0, "", None, 1, total)
    stack = [root]
    tokens = _md.parse(fm.body)
    list_stack: list[tuple[bool, list[int], list[tuple[int, int]]]] = []  # (ordered, item lines, spans)
    table: dict | None = None
    for i, tok in enumerate(tokens):
        line = tok.map[0] + offset + 1 if tok.map else None
        current = stack[-1]
        if tok.type == "heading_open":
            level = int(tok.tag[1])
            title, anchor = split_heading(_plain(tokens[i + 1]))
            while stack[-1].level >= level:
                stack.pop().line_end = line - 1
            section = Section(level, title, anchor, line, total)
            stack[-1].children.append(section)
            stack.append(section)
            section.runs.extend(_runs(tokens[i + 1], line, heading=True))
            continue
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            list_stack.append((tok.type == "ordered_list_open", [], []))
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            ordered, items, spans = list_stack.pop()
            current.lists.append(ListShape(items[0], tuple(items), ordered, tuple(spans)))
        elif tok.type == "list_item_open":
            list_stack[-1][1].append(line)
            list_stack[-1][2].append((line, max(line, tok.map[1] + offset)))
            current.list_items.append(line)
        elif tok.type == "table_open":
            table = {"line": line, "rows": 0, "cols": 0, "in_body": False, "row_lines": []}
        elif tok.type == "tbody_open":
            table["in_body"] = True
        elif tok.type == "tr_open" and table is not None:
            table["rows"] += table["in_body"]
            table["cells"] = 0
            if table["in_body"]:
                table["row_lines"].append(line)
        elif tok.type in ("th_open", "td_open") and table is not None:
            table["cells"] += 1
            table["cols"] = max(table["cols"], table["cells"])
        elif tok.type == "table_close":
            current.table_shapes.append(TableShape(table["line"], table["rows"], table["cols"],
                                                   tuple(table["row_lines"])))
            table = None
        elif tok.type == "inline" and not _is_heading_inline(tokens, i):
            current.runs.extend(_runs(tok, line))
        elif tok.type in ("fence", "code_block"):
            # Admonition bodies (indented) arrive here too: their text still counts.
            first = line + (1 if tok.type == "fence" else 0)
            for n, part in enumerate(tok.content.split("\n")):
                if part.strip():
                    current.runs.append(Run(first + n, part))
    while len(stack) > 1:
        stack.pop()
    _finish(root)
    reconcile(list(root.walk()), fm.body, offset)   # the renderer decides which lists and tables there are
    line = frontmatter.key_line(text, "effective") if fm.meta else None
    return Document(path, fm.meta, line, root, fm.effective)


def _is_heading_inline(tokens, i: int) -> bool:
    return i > 0 and tokens[i - 1].type == "heading_open"


def _plain(inline) -> str:
    return "".join(c.content for c in inline.children or [] if c.type in ("text", "code_inline")) \
        if inline.children else inline.content


def _runs(inline, line: int, heading: bool = False) -> list[Run]:
    """The visible text of an inline token and its link targets, each with its line
    (soft and hard breaks move to the next file line)."""
    runs: list[Run] = []
    buf: list[str] = []

    def flush():
        if buf:
            text = "".join(buf)
            if heading:
                text = split_heading(text)[0]
            text = ATTR_LIST.sub(" ", text)
            if text.strip():
                runs.append(Run(line, text))
            buf.clear()

    for child in inline.children or []:
        if child.type in ("softbreak", "hardbreak"):
            flush()
            line += 1
        elif child.type in ("text", "code_inline"):
            buf.append(child.content)
        elif child.type == "link_open":
            runs.append(Run(line, str(child.attrs.get("href", "")), link=True))
        elif child.type == "image":
            runs.append(Run(line, str(child.attrs.get("src", "")), link=True))
            buf.append(child.content)
        elif child.type in ("html_inline",):
            buf.append(" ")   # tags and comments are not what a reader reads
        # em/strong open/close markers carry no text
    flush()
    return runs


def _finish(section: Section) -> None:
    """Set own-content ends and the plain text, children first."""
    section.body_end = (section.children[0].line_start - 1) if section.children else section.line_end
    section.text = "\n".join(r.text for r in section.runs if not r.link)
    section.lists.sort(key=lambda shape: shape.line)   # inner lists close first
    for child in section.children:
        if child.line_end > section.line_end:
            child.line_end = section.line_end
        _finish(child)
