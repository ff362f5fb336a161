"""GitHub-flavoured Markdown for redlines (pull-request comments, job summaries).

GitHub keeps <ins> and <del> (shown underlined / struck through) and Markdown inside
them, so a reviewer sees the same marks as the site; a changed code block becomes a
`diff` fence. By default only the sections that changed are shown.
"""
from __future__ import annotations

import difflib
import re
from itertools import groupby

from maklumat.markdown.blocks import Node, Word
from maklumat.redline.diff import Change
from maklumat.redline.words import strings

ESCAPE_RE = re.compile(r"([\\`*_\[\]<>|~#])")
LINE_START_RE = re.compile(r"^(\d+)([.)])(?=\s|$)|^([-+=>])(?=\s|$)")


def render_markdown(result, lang: str, only_changed: bool = True, heading_offset: int = 0) -> str:
    """`heading_offset` demotes the notice's headings (to nest them under a caller's)."""
    t = strings(lang)
    out = [summary_markdown(result, lang)]
    skipped = False
    for it in result.items:
        if only_changed and it.kind == "equal":
            skipped = True
            continue
        if skipped:
            out.append("…")
            skipped = False
        if it.kind == "stub":
            out.append("> *" + _esc(t["moved_away"].replace("{link}", t["moved_away_link"])
                                    .replace("{title}", it.title)) + "*")
            continue
        if it.heading:
            out.append(_block(it.heading, t, heading=min(6, it.level + heading_offset)))
        if it.kind == "moved":
            out.append("> *" + _esc(t["moved_here"].replace("{link}", t["moved_here_link"])) + "*")
        out.extend(_block(c, t) for c in it.body)
    if skipped:
        out.append("…")
    return "\n\n".join(p for p in out if p).rstrip() + "\n"


def summary_markdown(result, lang: str) -> str:
    t = strings(lang)
    if not result.summary:
        return "*" + _esc(t["no_changes"]) + "*"
    counts = t["counts"].format(ins=result.words_inserted, dels=result.words_deleted)
    lines = ["**" + _esc(t["totals"].format(counts=counts)) + "**", ""]
    for s in result.summary:
        count = t["counts"].format(ins=s.words_inserted, dels=s.words_deleted)
        lines.append(f"- {_esc(t['kind_' + s.kind])}: {_esc(s.title or t['intro'])} ({_esc(count)})")
    return "\n".join(lines)


def _ops(c: Change) -> list[tuple[str, Word]]:
    if c.op == "equal":
        return [("=", w) for w in c.new.words]
    if c.op == "insert":
        return [("+", w) for w in c.new.words]
    if c.op == "delete":
        return [("-", w) for w in c.old.words]
    return c.words


def _children(c: Change) -> list[Change]:
    if c.op in ("changed", "moved"):
        return c.children
    mode = c.op
    return [Change(mode, o, n) for o, n in _pairs(c)]


def _pairs(c: Change):
    if c.op == "equal":
        return zip(c.old.children, c.new.children)
    if c.op == "insert":
        return ((None, n) for n in c.new.children)
    return ((o, None) for o in c.old.children)


def _block(c: Change, t: dict, heading: int = 0) -> str:
    text = _render(c, t, heading)
    if c.op == "moved" and not text.startswith(("|", "`")):
        text = _badge(t) + text
    return text


def _badge(t: dict) -> str:
    return "*(" + _esc(t["moved_badge"]) + ")* "


def _render(c: Change, t: dict, heading: int) -> str:
    node: Node = c.node
    if node.leaf:
        if node.tag == "hr":
            return "---"
        if node.tag == "pre":
            return _code(c)
        text = _inline(_ops(c))
        if heading:
            return "#" * heading + " " + text
        if node.tag[0] == "h" or node.tag in ("title", "dt"):
            return "**" + text + "**" if text else ""
        m = LINE_START_RE.match(text)
        if m:   # would start a list or quote
            cut = m.end(1) if m.group(1) else 0
            text = text[:cut] + "\\" + text[cut:]
        return text
    kids = _children(c)
    if node.tag in ("ul", "ol"):
        start = int(node.attr("start") or 1)
        items = []
        for n, k in enumerate(kids):
            marker = f"{start + n}. " if node.tag == "ol" else "- "
            body = _block(k, t).replace("\n", "\n" + " " * len(marker))
            items.append(marker + re.sub(r"(?m)^[ \t]+$", "", body))
        return "\n".join(items)
    if node.tag == "table":
        return _table(kids, t)
    tight = node.tag == "li" and all(k.node.tight for k in kids if k.node.leaf)
    inner = ("\n" if tight else "\n\n").join(b for b in (_block(k, t) for k in kids) if b)
    if node.tag in ("blockquote", "div"):
        return "\n".join("> " + line if line else ">" for line in inner.split("\n"))
    if node.tag == "dd":
        return ": " + inner.replace("\n", "\n  ")
    return inner   # li, dl


def _table(rows: list[Change], t: dict) -> str:
    cells = [[_inline(_ops(k)).replace("\n", " ") or " " for k in _children(r)] for r in rows]
    for r, row in zip(rows, cells):
        if r.op == "moved" and row:
            row[0] = _badge(t) + row[0]
    width = max((len(r) for r in cells), default=1) or 1
    cells = [r + [" "] * (width - len(r)) for r in cells]
    lines = ["| " + " | ".join(r) + " |" for r in cells[:1]]
    lines.append("|" + "---|" * width)
    lines.extend("| " + " | ".join(r) + " |" for r in cells[1:])
    return "\n".join(lines)


def _code(c: Change) -> str:
    """Code keeps its lines: unchanged code as is, anything else as a diff fence."""
    def text(words):
        return "".join(w.sep + w.text for w in words).lstrip("\n")
    old = text(c.old.words) if c.old is not None else None
    new = text(c.new.words) if c.new is not None else None
    body = old if new is None else new
    fence = "`" * max(3, 1 + max((len(m) for m in re.findall(r"`+", body)), default=0))
    if c.op == "equal":
        return f"{fence}\n{new}\n{fence}"
    diff = difflib.ndiff((old or "").split("\n") if old is not None else [],
                         (new or "").split("\n") if new is not None else [])
    lines = [d[0] + d[2:] if d[0] in "+-" else " " + d[2:] for d in diff if d[0] != "?"]
    return f"{fence}diff\n" + "\n".join(lines) + f"\n{fence}"


def _inline(ops: list[tuple[str, Word]]) -> str:
    out = []
    first = True
    for op, group in groupby(ops, key=lambda x: x[0]):
        words = [w for _, w in group]
        body = _runs(words)
        if op == "+":
            body = f"<ins>{body}</ins>"
        elif op == "-":
            body = f"<del>{body}</del>"
        out.append(("" if first else words[0].sep) + body)
        first = False
    return "".join(out)


def _runs(words: list[Word]) -> str:
    out = []
    for n, ((fmt, href), run) in enumerate(groupby(words, key=lambda w: (w.fmt, w.href))):
        run = list(run)
        if "code" in fmt:
            raw = "".join(("" if i == 0 else w.sep) + w.text for i, w in enumerate(run))
            ticks = "`" * (1 + max((len(m) for m in re.findall(r"`+", raw)), default=0))
            pad = " " if raw.startswith("`") or raw.endswith("`") else ""
            text = f"{ticks}{pad}{raw}{pad}{ticks}"
        elif "br" in fmt or "img" in fmt:
            text = "".join(("" if i == 0 else w.sep) + _word(w) for i, w in enumerate(run))
        else:   # escaping works character by character (and spaces need none): escape at once
            text = _esc(run[0].text + "".join([w.sep + w.text for w in run[1:]]))
        if "em" in fmt:
            text = f"*{text}*"
        if "strong" in fmt:
            text = f"**{text}**"
        if href is not None and "img" not in fmt:
            text = f"[{text}](<{href.replace('>', '%3E').replace('<', '%3C')}>)"
        out.append(("" if n == 0 else run[0].sep) + text)
    return "".join(out)


def _word(w: Word) -> str:
    if "br" in w.fmt:
        return "<br>"
    if "img" in w.fmt:
        return f"![{_esc(w.text.strip())}](<{w.href or ''}>)"
    return _esc(w.text)


def _esc(text: str) -> str:
    return ESCAPE_RE.sub(r"\\\1", text).replace("&", "&amp;")
