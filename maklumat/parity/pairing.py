"""Which section of the translation answers to which section of the prevailing text.

Explicit anchors (`## Data Retention {#retention}`) pair sections whatever their place;
the rest pair by position and level, inside the stretches that anchored sections fence
off. Position alone cannot tell a deleted section from a changed one, so the alignment
prefers pairs that share numbers, dates and addresses and look alike.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from maklumat.parity.sections import Section


@dataclass
class Pairing:
    pairs: list[tuple[Section, Section]] = field(default_factory=list)  # prevailing order
    moved: list[tuple[Section, Section]] = field(default_factory=list)  # out of order
    missing: list[Section] = field(default_factory=list)   # in the reference only
    extra: list[Section] = field(default_factory=list)     # in the translation only
    duplicates: list[Section] = field(default_factory=list)  # a second use of an anchor

    def counterpart(self, section: Section) -> Section | None:
        for a, b in self.pairs:
            if a is section:
                return b
            if b is section:
                return a
        return None


def pair_sections(ref: list[Section], tr: list[Section],
                  features: dict[int, frozenset]) -> Pairing:
    """`ref`/`tr`: flat section lists (root first). `features[id(section)]`: the
    section's invariant values, used to judge how alike two sections are."""
    result = Pairing()
    ref_anchor = _anchor_index(ref, result)
    tr_anchor = _anchor_index(tr, result)
    matched: dict[int, int] = {0: 0}                      # ref index -> tr index
    for anchor, i in ref_anchor.items():
        if anchor in tr_anchor:
            matched[i] = tr_anchor[anchor]
    in_order = _longest_increasing([(i, matched[i]) for i in sorted(matched)])
    anchored = set(matched)

    # Unanchored (and one-sided-anchor) sections between consecutive in-order pairs.
    fences = sorted(in_order) + [len(ref)]
    tr_used = set(matched.values())
    for lo, hi in zip(fences, fences[1:]):
        t_lo = matched[lo]
        t_hi = matched[hi] if hi < len(ref) else len(tr)
        r_free = [i for i in range(lo + 1, hi) if i not in matched]
        t_free = [j for j in range(t_lo + 1, t_hi) if j not in tr_used]
        for i, j in _align(r_free, t_free, ref, tr, features):
            matched[i] = j
            tr_used.add(j)

    # Leftovers on both sides that are clearly the same section: moved, not missing.
    r_left = [i for i in range(len(ref)) if i not in matched]
    t_left = [j for j in range(len(tr)) if j not in tr_used]
    for i in r_left:
        best = max(t_left, key=lambda j: _similarity(ref[i], tr[j], features), default=None)
        if best is not None and _same_content(ref[i], tr[best], features):
            matched[i] = best
            t_left.remove(best)
            tr_used.add(best)
    _uncross(matched, anchored, ref, tr, features)

    moved = set(matched) - _longest_increasing([(i, matched[i]) for i in sorted(matched)])
    for i in sorted(matched):
        pair = (ref[i], tr[matched[i]])
        result.pairs.append(pair)
        if i in moved:
            result.moved.append(pair)
    result.missing = [ref[i] for i in range(len(ref)) if i not in matched]
    result.extra = [tr[j] for j in range(len(tr)) if j not in tr_used]
    return result


def _uncross(matched: dict[int, int], anchored: set[int], ref, tr, features) -> None:
    """Two unanchored sections that traded places pair up by position with the wrong
    partner; when each one's facts are exactly the other partner's, swap them back."""
    def same(a: Section, b: Section) -> bool:
        fa = features.get(id(a), frozenset())
        return bool(fa) and a.level == b.level and fa == features.get(id(b), frozenset())

    free = [i for i in sorted(matched) if i not in anchored]
    for i in free:
        for k in free:
            j, m = matched[i], matched[k]
            if i != k and not same(ref[i], tr[j]) and same(ref[i], tr[m]) and same(ref[k], tr[j]):
                matched[i], matched[k] = m, j


def _anchor_index(sections: list[Section], result: Pairing) -> dict[str, int]:
    index: dict[str, int] = {}
    for i, s in enumerate(sections):
        if s.anchor:
            if s.anchor in index:
                result.duplicates.append(s)
            else:
                index[s.anchor] = i
    return index


def _longest_increasing(pairs: list[tuple[int, int]]) -> set[int]:
    """Ref indices of the longest run of pairs whose translation indices increase:
    those are in order; any other anchored pair has moved."""
    best: list[list[int]] = []   # best[k]: chain of pair indices of length k+1
    for n, (_, j) in enumerate(pairs):
        chains = [c for c in best if pairs[c[-1]][1] < j]
        chain = (max(chains, key=len) if chains else []) + [n]
        best.append(chain)
    longest = max(best, key=len, default=[])
    return {pairs[n][0] for n in longest}


def _align(r_free: list[int], t_free: list[int], ref, tr, features) -> list[tuple[int, int]]:
    """Order-preserving alignment maximising total similarity (every pair scores > 0,
    so as many sections as possible pair up; similarity decides which to skip)."""
    n, m = len(r_free), len(t_free)
    if not n or not m:
        return []
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for a in range(n - 1, -1, -1):
        for b in range(m - 1, -1, -1):
            take = _similarity(ref[r_free[a]], tr[t_free[b]], features) + score[a + 1][b + 1]
            score[a][b] = max(take, score[a + 1][b], score[a][b + 1])
    out, a, b = [], 0, 0
    while a < n and b < m:
        take = _similarity(ref[r_free[a]], tr[t_free[b]], features) + score[a + 1][b + 1]
        if score[a][b] == take:
            out.append((r_free[a], t_free[b]))
            a, b = a + 1, b + 1
        elif score[a][b] == score[a + 1][b]:
            a += 1
        else:
            b += 1
    return out


def _similarity(r: Section, t: Section, features) -> float:
    score = 1.0 + (1.0 if r.level == t.level else 0.3)
    if r.anchor and t.anchor and r.anchor != t.anchor:
        score -= 0.5
    fr, ft = features.get(id(r), frozenset()), features.get(id(t), frozenset())
    score += 2.0 * len(fr & ft) / len(fr | ft) if (fr or ft) else 0.5
    score += 0.3 * (len(r.list_items) == len(t.list_items))
    score += 0.2 * ([(x.rows, x.cols) for x in r.table_shapes] == [(x.rows, x.cols) for x in t.table_shapes])
    lr, lt = len(r.text), len(t.text)
    score += 0.5 * (min(lr, lt) / max(lr, lt) if max(lr, lt) else 1.0)
    return score


def _same_content(r: Section, t: Section, features) -> bool:
    """Strong evidence that two sections found in different places are one: the same
    level, at least two shared invariants and no different ones."""
    fr, ft = features.get(id(r), frozenset()), features.get(id(t), frozenset())
    if r.anchor and t.anchor:
        return False      # different anchors: not the same section
    return r.level == t.level and len(fr & ft) >= 2 and fr == ft
