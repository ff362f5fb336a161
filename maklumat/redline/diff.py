"""Block and word diff for redlines: aligns two lists of blocks, diffs words.

Blocks are aligned exact matches first (difflib on hashed keys, near-linear for the
usual few edits), then the most similar blocks in order inside each stretch that
differs (a small DP, bounded by MAX_CELLS); a deleted block that reappears elsewhere
is a move. Paired blocks are diffed word by word, never character by character.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from maklumat.markdown.blocks import Node, Word

PAIR_MIN = 0.4      # Dice similarity for "the same block, edited" rather than delete + insert
MOVE_MIN = 0.75     # ... for "the same block, moved"
MAX_CELLS = 2500    # bound on similarity pairings tried in one stretch (keeps it sub-quadratic)
FAMILY = {"ol": "ul"}  # a list that changed type is still the same list


@dataclass(eq=False)
class Change:
    """One block in the redline. op: equal | changed | insert | delete | moved."""

    op: str
    old: Node | None
    new: Node | None
    children: list["Change"] = field(default_factory=list)      # containers, changed/moved
    words: list[tuple[str, Word]] = field(default_factory=list)  # leaves: ("=" | "+" | "-", word)

    @property
    def node(self) -> Node:
        return self.new if self.new is not None else self.old

    def leaf_ops(self):
        """(old leaf, new leaf, word ops) for every leaf under this change."""
        if self.op == "equal":
            for o, n in zip(self.old.leaves(), self.new.leaves()):
                yield o, n, [("=", w) for w in n.words]
        elif self.op == "insert":
            for n in self.new.leaves():
                yield None, n, [("+", w) for w in n.words]
        elif self.op == "delete":
            for o in self.old.leaves():
                yield o, None, [("-", w) for w in o.words]
        elif self.node.leaf:
            yield self.old, self.new, self.words
        else:
            for c in self.children:
                yield from c.leaf_ops()

    def counts(self) -> tuple[int, int]:
        ins = dels = 0
        if self.op == "equal":
            return 0, 0
        for _, _, ops in self.leaf_ops():
            for op, w in ops:
                if op != "=" and w.is_word:
                    ins += op == "+"
                    dels += op == "-"
        return ins, dels

    def has_word_changes(self) -> bool:
        return self.op != "equal" and any(op != "=" for _, _, ops in self.leaf_ops() for op, _ in ops)


# ---- words -------------------------------------------------------------------

def diff_words(a: tuple[Word, ...], b: tuple[Word, ...]) -> list[tuple[str, Word]]:
    """Word ops turning `a` into `b`: deletions before insertions in each change."""
    ak, bk = [w.key for w in a], [w.key for w in b]
    if ak == bk:
        return [("=", w) for w in b]
    segs = []   # [equal?, i1, i2, j1, j2], changes merged
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, ak, bk, autojunk=False).get_opcodes():
        eq = tag == "equal"
        if segs and not eq and not segs[-1][0]:
            segs[-1][2], segs[-1][4] = i2, j2
        else:
            segs.append([eq, i1, i2, j1, j2])
    _absorb_short_equalities(segs, a)
    ops: list[tuple[str, Word]] = []
    for eq, i1, i2, j1, j2 in segs:
        if eq:
            ops.extend(("=", w) for w in b[j1:j2])
        else:
            ops.extend(("-", w) for w in a[i1:i2])
            ops.extend(("+", w) for w in b[j1:j2])
    return ops


def _absorb_short_equalities(segs: list, a) -> None:
    """A lone short common word between two bigger changes ("X and Y" -> "P and Q R")
    reads better inside one change than as confetti (diff-match-patch's semantic
    clean-up, with words for characters)."""
    i = 1
    while i < len(segs) - 1:
        eq, i1, i2, j1, j2 = segs[i]
        before, after = segs[i - 1], segs[i + 1]
        if eq and not before[0] and not after[0]:
            size = i2 - i1
            b_size = max(before[2] - before[1], before[4] - before[3])
            a_size = max(after[2] - after[1], after[4] - after[3])
            wordless = not any(w.is_word for w in a[i1:i2])
            if size <= b_size and size <= a_size and (wordless or size < b_size or size < a_size):
                segs[i - 1:i + 2] = [[False, before[1], after[2], before[3], after[4]]]
                i = max(i - 1, 1)
                continue
        i += 1


# ---- blocks ------------------------------------------------------------------

def similarity(a: Node, b: Node) -> float:
    if FAMILY.get(a.tag, a.tag) != FAMILY.get(b.tag, b.tag):
        return 0.0
    if a.same(b):
        return 1.0
    total = sum(a.bag.values()) + sum(b.bag.values())
    if not total:
        return 0.5   # two empty blocks of one kind (hr, empty cell): the same slot
    return 2 * sum((a.bag & b.bag).values()) / total


def diff_pair(old: Node, new: Node, op: str = "changed") -> Change:
    if new.leaf:
        ops = diff_words(old.words, new.words)
        if old.key != new.key and all(o == "=" for o, _ in ops):   # same words, another id or class:
            ops = [("-", w) for w in old.words] + [("+", w) for w in new.words]   # shown, never blank
        return Change(op, old, new, words=ops)
    positional = new.tag == "tr" and len(old.children) == len(new.children)
    change = Change(op, old, new, children=align(old.children, new.children, positional))
    if old.key != new.key and not change.has_word_changes():
        _mark_first_leaf(change)   # another class or start number, same words: still shown
    return change


def _mark_first_leaf(change: Change) -> bool:
    for i, c in enumerate(change.children):
        if c.old is None or c.new is None:
            continue
        if c.node.leaf:
            change.children[i] = Change("changed", c.old, c.new,
                                        words=[("-", w) for w in c.old.words] + [("+", w) for w in c.new.words])
            return True
        if c.op == "equal":
            c = change.children[i] = diff_pair(c.old, c.new)
        if _mark_first_leaf(c):
            return True
    return False


def align(old: tuple[Node, ...], new: tuple[Node, ...], positional: bool = False) -> list[Change]:
    """Align two block lists; the result is in reading order of the new text, with
    deleted blocks where they stood."""
    if positional:   # table cells stay in their columns
        return [Change("equal", o, n) if o.same(n) else diff_pair(o, n) for o, n in zip(old, new)]
    out: list[Change] = []
    ok, nk = [n.hkey for n in old], [n.hkey for n in new]
    if ok == nk:   # what SequenceMatcher says of equal lists (one "equal" run), without it
        return [Change("equal", o, n) if o.same(n) else diff_pair(o, n) for o, n in zip(old, new)]
    sm = SequenceMatcher(None, ok, nk, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            out.extend(Change("equal", o, n) if o.same(n) else diff_pair(o, n)
                       for o, n in zip(old[i1:i2], new[j1:j2]))
        else:
            out.extend(_pair_stretch(old[i1:i2], new[j1:j2]))
    _find_moves(out)
    return out


def _pair_stretch(old, new) -> list[Change]:
    """Pair edited blocks in order, maximising total similarity (a small DP over the
    stretch between exact matches); the rest are deletions and insertions."""
    m, k = len(old), len(new)
    pairs: list[tuple[int, int]] = []
    if m and k and m * k <= MAX_CELLS:
        sim = [[similarity(o, n) for n in new] for o in old]
        best = [[0.0] * (k + 1) for _ in range(m + 1)]
        for i in range(m - 1, -1, -1):
            for j in range(k - 1, -1, -1):
                take = best[i + 1][j + 1] + sim[i][j] if sim[i][j] >= PAIR_MIN else -1.0
                best[i][j] = max(best[i + 1][j], best[i][j + 1], take)
        i = j = 0
        while i < m and j < k:
            if sim[i][j] >= PAIR_MIN and best[i][j] == best[i + 1][j + 1] + sim[i][j]:
                pairs.append((i, j))
                i, j = i + 1, j + 1
            elif best[i][j] == best[i + 1][j]:
                i += 1
            else:
                j += 1
    out: list[Change] = []
    i = j = 0
    for pi, pj in pairs + [(m, k)]:
        out.extend(Change("delete", o, None) for o in old[i:pi])
        out.extend(Change("insert", None, n) for n in new[j:pj])
        if pi < m:
            out.append(diff_pair(old[pi], new[pj]))
        i, j = pi + 1, pj + 1
    return out


def _find_moves(out: list[Change]) -> None:
    """A deleted block that reappears elsewhere (nearly) unchanged is a move: shown
    once, at its new place, with its inner changes."""
    dels = [c for c in out if c.op == "delete"]
    ins = [c for c in out if c.op == "insert"]
    if not dels or not ins or len(dels) * len(ins) > MAX_CELLS:
        return
    for c in ins:
        scored = [(similarity(d.old, c.new), n) for n, d in enumerate(dels)]
        score, n = max(scored, default=(0.0, -1))
        if score >= MOVE_MIN:
            d = dels.pop(n)
            out[:] = [x for x in out if x is not d]
            moved = diff_pair(d.old, c.new, "moved")
            c.op, c.old, c.children, c.words = "moved", d.old, moved.children, moved.words
            if not dels:
                return
