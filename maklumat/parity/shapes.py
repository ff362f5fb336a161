"""The lists and tables a reader sees, per section, from the site's rendering.

sections.py reads a notice with markdown-it-py for its line numbers; where that
reading's lists or tables differ from what the renderer shows (a list written straight
under a paragraph is one paragraph on the site; a nested list indented by 2 is no
nested list there), the renderer decides: the section's shapes are replaced by the
rendered ones, keeping markdown-it's lines where a shape matches, else the nearest line.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from maklumat.markdown import rendering
from maklumat.markdown.blocks import HEADINGS, Node
from maklumat.markdown.htmlblocks import read_html

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Seen:
    """One section's shapes as rendered: (ordered, items) per list, (rows, cols) per
    table, in document order (an outer list before the lists inside it)."""

    level: int
    lists: tuple[tuple[bool, int], ...]
    tables: tuple[tuple[int, int], ...]
    id: str | None = None       # the heading's id on the page (toc: unique, `{#id}` or slug)
    title: str = ""
    texts: tuple[str, ...] = ()  # the text of each block, as shown


def rendered_sections(body: str) -> list[Seen]:
    """The root section and one per top-level heading, in order."""
    return list(_rendered_sections(rendering.active(), body))


@functools.lru_cache(maxsize=1024)   # every build reads every notice; `mkdocs serve` again on each save
def _rendered_sections(config, body: str) -> tuple[Seen, ...]:
    out: list[Seen] = []
    level, lists, tables, texts, head = 0, [], [], [], (None, "")
    for node in read_html(rendering.render(body, config)):
        if node.tag in HEADINGS:
            out.append(Seen(level, tuple(lists), tuple(tables), *head, tuple(texts)))
            level, lists, tables, texts, head = int(node.tag[1]), [], [], [], (node.attr("id"), node.text())
        else:
            _collect(node, lists, tables)
            texts.extend(t for t in (leaf.text() for leaf in node.leaves()) if t)
    out.append(Seen(level, tuple(lists), tuple(tables), *head, tuple(texts)))
    return tuple(out)


def _collect(node: Node, lists: list, tables: list) -> None:
    if node.tag in ("ul", "ol"):
        lists.append((node.tag == "ol", sum(1 for c in node.children if c.tag == "li")))
    elif node.tag == "table":
        rows = [c for c in node.children if c.tag == "tr"]
        body = [r for r in rows if not all(k.tag == "th" for k in r.children)]
        tables.append((len(body), max((len(r.children) for r in rows), default=0)))
        return
    for c in node.children:
        _collect(c, lists, tables)


def reconcile(sections: list, body: str, offset: int = 0) -> None:
    """Give each section (a flat list, root first, as sections.Document.sections) the
    heading id, lists, tables and text the renderer shows. Nothing changes when the
    readings agree or when their headings do not line up (then no section can be told
    from another). `offset`: file line of the body's line 0, minus one."""
    from maklumat.parity.sections import ListShape, TableShape
    seen = rendered_sections(body)
    if [s.level for s in seen] != [s.level for s in sections]:
        return
    lines = body.split("\n")
    for sec, ren in zip(sections, seen):
        sec.id = ren.id
        if _WORD.findall(" ".join(r.text for r in sec.runs if not r.link)) != \
                _WORD.findall(" ".join((ren.title,) + ren.texts)):
            # Text markdown-it reads otherwise (literal "1." markers, raw HTML, an attribute
            # list the renderer shows): the values parity compares come from the page.
            text_runs = [_run(t, lines, sec, offset) for t in (ren.title,) + ren.texts if t]
            sec.runs = sorted([r for r in sec.runs if r.link] + text_runs, key=lambda r: r.line)
            sec.text = "\n".join(r.text for r in text_runs)
        if [(x.ordered, len(x.items)) for x in sec.lists] != list(ren.lists):
            sec.lists = _match(sec.lists, ren.lists, lambda x: (x.ordered, len(x.items)),
                               lambda shape, near: _list(ListShape, shape, near, sec))
            sec.list_items = sorted(line for x in sec.lists for line in x.items)
        if [(x.rows, x.cols) for x in sec.table_shapes] != list(ren.tables):
            sec.table_shapes = _match(sec.table_shapes, ren.tables, lambda x: (x.rows, x.cols),
                                      lambda shape, near: _table(TableShape, shape, near, sec))


def _run(text: str, lines: list[str], section, offset: int):
    """A run of rendered text at the first line of its section that holds its first word."""
    from maklumat.parity.sections import Run
    first = _WORD.search(text)
    for n in range(max(section.line_start - offset - 1, 0), min(section.body_end - offset, len(lines))):
        if first and first.group(0) in lines[n]:
            return Run(n + offset + 1, text)
    return Run(section.line_start, text)


def _match(have: list, want: tuple, key, make) -> list:
    """Rendered shapes in order, each reusing an unused markdown-it shape of the same
    kind and size when there is one (its lines are right), else made at the line of
    the markdown-it shape in the same place."""
    free = list(have)
    out = []
    for n, shape in enumerate(want):
        same = next((x for x in free if key(x) == shape), None)
        if same is not None:
            free.remove(same)
            out.append(same)
        else:
            out.append(make(shape, have[n] if n < len(have) else (have[-1] if have else None)))
    return out


def _list(cls, shape: tuple[bool, int], near, section):
    ordered, count = shape
    if near is None:
        return cls(section.line_start, (section.line_start,) * count, ordered,
                   ((section.line_start, section.line_start),) * count)
    # Fewer items: a paragraph swallowed the first ones (list after a paragraph).
    items = list(near.items[-count:]) if count <= len(near.items) else \
        list(near.items) + [near.items[-1]] * (count - len(near.items))
    end = near.spans[-1][1] if near.spans else items[-1]
    spans = tuple((a, max(a, b - 1)) for a, b in zip(items, items[1:] + [end + 1]))
    return cls(items[0] if items else near.line, tuple(items), ordered, spans)


def _table(cls, shape: tuple[int, int], near, section):
    rows, cols = shape
    line = near.line if near else section.line_start
    row_lines = tuple(list(near.row_lines[:rows]) + [line] * max(0, rows - len(near.row_lines))) if near \
        else (line,) * rows
    return cls(line, rows, cols, row_lines)
