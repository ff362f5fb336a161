"""HTML for redlines: the new text's blocks, formatted, with <ins>/<del> inside them.

The fragment is valid HTML5 to embed in a page's <article>: <ins>/<del> only ever
wrap words inside a block, a whole inserted or deleted block also gets the class
mk-block-ins / mk-block-del, and each mark opens and closes with visually hidden
text in the page's language, so marks never rely on colour or on a screen reader
announcing <ins>/<del> (most do not). Everything from the texts is escaped.
"""
from __future__ import annotations

from html import escape
from itertools import groupby
from operator import attrgetter, itemgetter

from maklumat.markdown.blocks import Node, Word
from maklumat.redline.diff import Change
from maklumat.redline.words import strings

OPS = {"+": ("ins", "mk-ins", "ins_start", "ins_end"), "-": ("del", "mk-del", "del_start", "del_end")}
BLOCK_CLASS = {"+": "mk-block-ins", "-": "mk-block-del"}
_OP = itemgetter(0)
_STYLE = attrgetter("fmt", "href")


def render_html(result, lang: str, id_prefix: str = "") -> str:
    return _Renderer(lang, id_prefix).document(result)


def render_summary(result, lang: str, id_prefix: str = "") -> str:
    t = strings(lang)
    counts = t["counts"].format(ins=result.words_inserted, dels=result.words_deleted)
    if not result.summary:
        return f'<div class="mk-redline-summary"><p>{escape(t["no_changes"])}</p></div>'
    out = ['<div class="mk-redline-summary">',
           f'<p class="mk-totals">{escape(t["totals"].format(counts=counts))}</p>', "<ul>"]
    for s in result.summary:
        count = t["counts"].format(ins=s.words_inserted, dels=s.words_deleted)
        out.append(f'<li class="mk-sum-{s.kind}"><span class="mk-kind">{escape(t["kind_" + s.kind])}</span>: '
                   f'<a href="#{escape(id_prefix + s.anchor)}">{escape(s.title or t["intro"])}</a> '
                   f'<span class="mk-counts">({escape(count)})</span></li>')
    out.append("</ul></div>")
    return "\n".join(out)


class _Renderer:
    def __init__(self, lang: str, id_prefix: str):
        self.t = strings(lang)
        self.prefix = id_prefix

    def _id(self, anchor: str) -> str:
        return escape(self.prefix + anchor)

    def document(self, result) -> str:
        out = ['<div class="mk-redline">']
        moved_levels: list[int] = []   # open <div class="mk-moved"> wrappers, by heading level
        for it in result.items:
            while moved_levels and moved_levels[-1] >= it.level:
                moved_levels.pop()
                out.append("</div>")
            if it.kind == "stub":
                link = f'<a href="#{self._id(it.moved_to)}">{escape(self.t["moved_away_link"])}</a>'
                text = escape(self.t["moved_away"]).replace("{title}", escape(it.title)).replace("{link}", link)
                out.append(f'<p class="mk-note mk-moved-from" id="{self._id(it.anchor)}">{text}</p>')
                continue
            if it.kind == "moved":
                out.append('<div class="mk-moved">')
                moved_levels.append(it.level)
            wrap = it.heading is None and it.anchor
            if wrap:
                out.append(f'<div class="mk-intro" id="{self._id(it.anchor)}">')
            if it.heading:
                out.append(self.change(it.heading, anchor=it.anchor))
            if it.kind == "moved" and it.moved_from:
                link = f'<a href="#{self._id(it.moved_from)}">{escape(self.t["moved_here_link"])}</a>'
                text = escape(self.t["moved_here"]).replace("{link}", link)
                out.append(f'<p class="mk-note mk-moved-note">{text}</p>')
            out.extend(self.change(c) for c in it.body)
            if wrap:
                out.append("</div>")
        out.extend("</div>" for _ in moved_levels)
        out.append("</div>")
        return "\n".join(out)

    # ---- blocks --------------------------------------------------------------

    def change(self, c: Change, anchor: str | None = None, lead: str = "") -> str:
        if c.op in ("equal", "insert", "delete"):
            mode = {"equal": "=", "insert": "+", "delete": "-"}[c.op]
            return self.whole(c.node, mode, anchor, lead, top=True)
        classes = ["mk-moved"] if c.op == "moved" else []
        badge = self.t["moved_badge"] if c.op == "moved" else ""
        if not badge and not c.has_word_changes():
            badge = self.t["format_changed"]   # e.g. a heading level or list type changed
        if badge:
            lead = f'<span class="mk-note mk-badge">[{escape(badge)}]</span> ' + lead
        if c.node.leaf:
            return self.leaf(c.new, c.words, classes, anchor, lead)
        parts = []
        for n, child in enumerate(c.children):
            parts.append((child.node, self.change(child, lead=lead if n == 0 else "")))
        return self.container(c.new, parts, classes)

    def whole(self, node: Node, mode: str, anchor=None, lead="", top=False) -> str:
        """A block with every word in the same state (unchanged, inserted or deleted)."""
        classes = [BLOCK_CLASS[mode]] if top and mode in BLOCK_CLASS else []
        if node.leaf:
            return self.leaf(node, None, classes, anchor, lead, mode)
        parts = [(child, self.whole(child, mode, lead=lead if n == 0 else ""))
                 for n, child in enumerate(node.children)]
        return self.container(node, parts, classes)

    def leaf(self, node: Node, ops, classes: list[str], anchor=None, lead="", mode: str = "") -> str:
        """`ops`: word ops; or None, and every word in state `mode`."""
        tag = node.tag
        if tag == "hr":
            return f"<hr{_attrs(classes)}>"
        pre = tag == "pre"
        if ops is None:
            inner = lead + (self.marked(mode, node.words, pre, pre) if node.words else "")
        else:
            inner = lead + self.inline(ops, pre)
        if tag == "pre":
            return f"<pre{_attrs(classes)}><code>{inner}</code></pre>"
        if node.tight and not anchor:
            return inner   # a tight list item's text has no <p> on the page either
        if tag == "title":
            tag, classes = "p", ["admonition-title"] + classes
        extra = [("id", self.prefix + anchor)] if anchor else []
        if node.attr("style"):
            extra.append(("style", node.attr("style")))
        return f"<{tag}{_attrs(classes, extra)}>{inner}</{tag}>"

    def container(self, node: Node, parts: list[tuple[Node, str]], classes: list[str]) -> str:
        tag = node.tag
        own = node.attr("class")
        extra = [("start", node.attr("start"))] if node.attr("start") else []
        attrs = _attrs(([own] if own else []) + classes, extra)
        if tag == "table":   # leading rows of header cells form the <thead>
            n = 0
            while n < len(parts) and parts[n][0].children and all(c.tag == "th" for c in parts[n][0].children):
                n += 1
            head = f"<thead>{''.join(h for _, h in parts[:n])}</thead>" if n else ""
            body = f"<tbody>{''.join(h for _, h in parts[n:])}</tbody>" if parts[n:] else ""
            return f"<table{attrs}>{head}{body}</table>"
        sep = "\n" if tag in ("ul", "ol", "blockquote", "div", "dl") else ""
        return f"<{tag}{attrs}>{sep}{sep.join(h for _, h in parts)}{sep}</{tag}>"

    # ---- words ---------------------------------------------------------------

    def inline(self, ops: list[tuple[str, Word]], pre: bool = False) -> str:
        out = []
        groups = [(op, [w for _, w in group]) for op, group in groupby(ops, key=_OP)]
        n = 0
        while n < len(groups):
            op, words = groups[n]
            spaced = pre or n > 0
            if op == "-" and n + 1 < len(groups) and groups[n + 1][0] == "+" and _only_space(words, groups[n + 1][1]):
                out.append(self.space(words[0].sep, groups[n + 1][1], pre, spaced))
                n += 2
                continue
            out.append(self.marked(op, words, pre, spaced))
            n += 1
        return "".join(out)

    def space(self, old_sep: str, words, pre: bool, spaced: bool) -> str:
        """Only the space before the words changed: the space is marked, the words are not."""
        sep = words[0].sep if spaced else ""
        op = "+" if sep else "-"
        tag, cls, start, end = OPS[op]
        mark = (f'<{tag} class="{cls} mk-space"><span class="mk-sr">{escape(self.t[start])}</span>'
                f'{escape(sep or old_sep or " ")}<span class="mk-sr">{escape(self.t[end])}</span></{tag}>')
        return mark + _runs(words, pre)

    def marked(self, op: str, words, pre: bool, spaced: bool) -> str:
        """Consecutive words in one state (`words` not empty); `spaced`: keep the first one's space."""
        body = _runs(words, pre)
        if op in OPS:
            tag, cls, start, end = OPS[op]
            body = (f'<{tag} class="{cls}"><span class="mk-sr">{escape(self.t[start])}</span>'
                    f'{body}<span class="mk-sr">{escape(self.t[end])}</span></{tag}>')
        return escape(words[0].sep) + body if spaced else body


def _only_space(old, new) -> bool:
    """Same words, formatting and links; only whether a space precedes the first differs."""
    return len(old) == len(new) and [(w.text, w.fmt, w.href) for w in old] == [(w.text, w.fmt, w.href) for w in new] \
        and [w.key for w in old[1:]] == [w.key for w in new[1:]] and bool(old[0].sep) != bool(new[0].sep)


def _runs(words, pre: bool) -> str:
    """Words of one state, grouped by formatting: the space before a run stays outside
    its elements; the first word's space is the caller's."""
    out = []
    for n, ((fmt, href), run) in enumerate(groupby(words, key=_STYLE)):
        run = list(run)
        if "br" in fmt or "img" in fmt:
            text = "".join(("" if i == 0 else escape(w.sep)) + _word(w) for i, w in enumerate(run))
        else:   # escaping works character by character: escape the run's text at once
            text = escape(run[0].text + "".join([w.sep + w.text for w in run[1:]]))
        for f in reversed(fmt):
            if f in ("strong", "em") or (f == "code" and not pre):
                text = f"<{f}>{text}</{f}>"
        if href is not None and "img" not in fmt:
            text = f'<a href="{escape(href)}">{text}</a>'
        out.append(("" if n == 0 else escape(run[0].sep)) + text)
    return "".join(out)


def _word(w: Word) -> str:
    if "br" in w.fmt:
        return "<br>"
    if "img" in w.fmt:
        return f'<img src="{escape(w.href or "")}" alt="{escape(w.text.strip())}">'
    return escape(w.text)


def _attrs(classes: list[str], extra=()) -> str:
    out = f' class="{escape(" ".join(classes))}"' if classes else ""
    return out + "".join(f' {k}="{escape(v)}"' for k, v in extra)
