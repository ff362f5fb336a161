"""Redline: what changed between two Markdown texts of a notice (a pure function).

    result = redline(old_text, new_text)
    result.html(lang)          # the new text, formatted, with <ins>/<del> inside blocks
    result.summary_html(lang)  # sections added/removed/moved/changed, linking into it
    result.markdown(lang)      # the same as GitHub-flavoured Markdown
    result.summary, result.words_inserted, result.words_deleted

Sections (a heading and its blocks) are paired by `{#anchor}`, then by id, title and
finally content, so a renamed heading is a change, not a removal plus an addition.
A paired section whose parent changed, or which left the longest run of siblings
kept in order, is "moved": shown at its new place with its inner changes, and a
note where it was. Words are counted only where they contain a letter or digit.
"""
from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from maklumat.markdown.blockparse import parse, unique_id
from maklumat.markdown.blocks import Document, Section
from maklumat.redline.diff import Change, align, diff_pair

SECTION_MIN = 0.5   # Dice similarity for "the same section, renamed"
MAX_PAIRS = 2500


@dataclass(frozen=True)
class SectionChange:
    """One line of the summary. anchor: the id to link to inside the redline fragment."""

    kind: str   # added | removed | moved | changed
    anchor: str
    title: str
    words_inserted: int
    words_deleted: int


@dataclass(eq=False)
class SectionDiff:
    kind: str   # equal | changed | added | removed | moved | stub (where a moved section was)
    old: Section | None
    new: Section | None
    heading: Change | None
    body: list[Change]
    anchor: str = ""        # its id in the fragment ("" for an unchanged untitled intro)
    level: int = 0
    title: str = ""
    moved_to: str = ""      # stub: anchor of the section at its new place
    moved_from: str = ""    # moved: anchor of its stub
    words_inserted: int = 0
    words_deleted: int = 0

    def changes(self) -> list[Change]:
        return ([self.heading] if self.heading else []) + self.body


@dataclass(eq=False)
class Redline:
    items: list[SectionDiff]          # reading order of the new text; removed ones where they stood
    old: Document
    new: Document
    summary: list[SectionChange] = field(default_factory=list)
    words_inserted: int = 0
    words_deleted: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.summary)

    def html(self, lang: str, id_prefix: str = "") -> str:
        from maklumat.redline.html import render_html
        return render_html(self, lang, id_prefix)

    def summary_html(self, lang: str, id_prefix: str = "") -> str:
        from maklumat.redline.html import render_summary
        return render_summary(self, lang, id_prefix)

    def markdown(self, lang: str, only_changed: bool = True, heading_offset: int = 0) -> str:
        from maklumat.redline.gfm import render_markdown
        return render_markdown(self, lang, only_changed, heading_offset)


def redline(old_text: str, new_text: str) -> Redline:
    """Compare two Markdown texts (front matter is ignored)."""
    old, new = parse(old_text), parse(new_text)
    match = _match_sections(old, new)          # new index -> old index
    moved = _moved(old, new, match)
    used = set(new.ids)
    items: list[SectionDiff] = []
    placed: dict[int | None, list[SectionDiff]] = defaultdict(list)
    by_new: dict[int, SectionDiff] = {}
    last = None   # new index of the latest old section that kept its place
    reverse = {i: j for j, i in match.items()}
    for i, s in enumerate(old.sections):
        j = reverse.get(i)
        if j is None:
            heading = Change("delete", s.heading, None) if s.heading else None
            body = [Change("delete", n, None) for n in s.body]
            placed[last].append(SectionDiff("removed", s, None, heading, body, level=s.level))
        elif j in moved:
            placed[last].append(SectionDiff("stub", s, None, None, [], level=s.level))
            by_new[j] = placed[last][-1]
        else:
            last = j
    items.extend(placed[None])
    for j, s in enumerate(new.sections):
        i = match.get(j)
        if i is None:
            heading = Change("insert", None, s.heading) if s.heading else None
            item = SectionDiff("added", None, s, heading, [Change("insert", None, n) for n in s.body])
        else:
            o = old.sections[i]
            heading = None
            if s.heading:
                same = o.heading and o.heading.key == s.heading.key
                heading = Change("equal", o.heading, s.heading) if same else diff_pair(o.heading, s.heading)
            body = align(o.body, s.body)
            item = SectionDiff("moved" if j in moved else "equal", o, s, heading, body)
            if item.kind == "equal" and any(c.op != "equal" for c in item.changes()):
                item.kind = "changed"
        item.level = s.level
        items.append(item)
        items.extend(placed[j])
        if j in by_new:
            by_new[j].new = s
    return _finish(Redline(items, old, new), used)


def _finish(result: Redline, used: set[str]) -> Redline:
    """Give every marked section a unique id in the fragment, count words, summarise."""
    for it in result.items:
        section = it.old if it.kind in ("removed", "stub") else it.new
        it.title = section.title
        if it.kind in ("added", "changed", "moved", "equal"):
            it.anchor = it.new.anchor or ""
        elif it.kind == "removed":
            it.anchor = unique_id("mk-del-" + (section.anchor or "intro"), used)
        if not it.anchor and it.kind != "equal":
            it.anchor = unique_id("mk-intro", used)
        for c in it.changes():
            ins, dels = c.counts()
            it.words_inserted += ins
            it.words_deleted += dels
    for it in result.items:
        if it.kind == "stub":
            it.moved_to = it.new.anchor
            it.anchor = it.moved_from = unique_id("mk-from-" + it.new.anchor, used)
            for other in result.items:
                if other.kind == "moved" and other.new is it.new:
                    other.moved_from = it.anchor
    for it in result.items:
        if it.kind not in ("equal", "stub"):
            result.summary.append(SectionChange(it.kind, it.anchor, it.title,
                                                it.words_inserted, it.words_deleted))
        result.words_inserted += it.words_inserted
        result.words_deleted += it.words_deleted
    return result


def _bag(s: Section) -> Counter:
    bag = Counter(w.text for w in s.heading.words) if s.heading else Counter()
    for n in s.body:
        bag.update(n.bag)
    return bag


def _match_sections(old: Document, new: Document) -> dict[int, int]:
    """Pair sections: `{#anchor}`, then any id, then title, then content."""
    O, N = old.sections, new.sections
    match: dict[int, int] = {}
    taken: set[int] = set()
    keys = [
        lambda s: "intro" if s.heading is None else None,
        lambda s: s.anchor if s.explicit else None,
        lambda s: s.anchor,
        lambda s: s.title.casefold() if s.heading else None,
    ]
    for key in keys:
        index: dict[str, list[int]] = defaultdict(list)
        for i, s in enumerate(O):
            if i not in taken and key(s) is not None:
                index[key(s)].append(i)
        for j, s in enumerate(N):
            if j not in match and index.get(key(s)):
                match[j] = i = index[key(s)].pop(0)
                taken.add(i)
    rest_o = [i for i in range(len(O)) if i not in taken and O[i].heading]
    rest_n = [j for j in range(len(N)) if j not in match and N[j].heading]
    if rest_o and rest_n and len(rest_o) * len(rest_n) <= MAX_PAIRS:
        bags_o = {i: _bag(O[i]) for i in rest_o}
        bags_n = {j: _bag(N[j]) for j in rest_n}
        scored = []
        for j in rest_n:
            for i in rest_o:
                total = sum(bags_o[i].values()) + sum(bags_n[j].values())
                score = 2 * sum((bags_o[i] & bags_n[j]).values()) / total if total else 0.0
                if score >= SECTION_MIN:
                    scored.append((-score, j, i))
        for _, j, i in sorted(scored):
            if j not in match and i not in taken:
                match[j] = i
                taken.add(i)
    return match


def _moved(old: Document, new: Document, match: dict[int, int]) -> set[int]:
    """New indexes of sections that moved: to another parent, or out of the run of
    siblings kept in order (the run holding the most words, so the fewest are marked)."""
    moved: set[int] = set()
    siblings: dict[int | None, list[int]] = defaultdict(list)
    size = [1 + len(s.heading.words if s.heading else ()) + sum(len(n.all_words) for n in s.body)
            for s in new.sections]
    for j in range(len(new.sections) - 1, -1, -1):   # a section weighs with its subsections
        if new.sections[j].parent is not None:
            size[new.sections[j].parent] += size[j]
    for j in sorted(match):
        pn, po = new.sections[j].parent, old.sections[match[j]].parent
        if (pn is None and po is None) or (pn is not None and match.get(pn) == po):
            siblings[pn].append(j)
        else:
            moved.add(j)
    for group in siblings.values():
        keep = _heaviest_increasing([match[j] for j in group], [size[j] for j in group])
        moved.update(j for n, j in enumerate(group) if n not in keep)
    return moved


def _heaviest_increasing(seq: list[int], weight: list[int]) -> set[int]:
    """Positions of the increasing subsequence of greatest total weight. Quadratic in
    the number of sibling sections only (a handful); past 300, unweighted and n log n."""
    n = len(seq)
    if n > 300:
        return _longest_increasing(seq)
    best = list(weight)
    prev = [-1] * n
    for i in range(n):
        for k in range(i):
            if seq[k] < seq[i] and best[k] + weight[i] > best[i]:
                best[i], prev[i] = best[k] + weight[i], k
    out: set[int] = set()
    i = max(range(n), key=lambda x: best[x], default=-1)
    while i != -1:
        out.add(i)
        i = prev[i]
    return out


def _longest_increasing(seq: list[int]) -> set[int]:
    """Positions of one longest strictly increasing subsequence (patience sorting)."""
    tails: list[int] = []
    tail_pos: list[int] = []
    prev = [-1] * len(seq)
    for n, x in enumerate(seq):
        k = bisect.bisect_left(tails, x)
        if k == len(tails):
            tails.append(x)
            tail_pos.append(n)
        else:
            tails[k] = x
            tail_pos[k] = n
        prev[n] = tail_pos[k - 1] if k else -1
    out: set[int] = set()
    n = tail_pos[-1] if tail_pos else -1
    while n != -1:
        out.add(n)
        n = prev[n]
    return out
