"""EN/ID parity: does the translation say what the prevailing text says?

Checks structure (sections missing, extra, moved, at another level; lists and tables
of another size) and, section by section, the facts that must be identical in every
language (see invariants.py), plus the `effective:` date. The prevailing text is the
reference, so every problem points at the translation, where the fix goes: at the
differing line, or where a missing piece belongs.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass

from maklumat.parity import invariants, wording
from maklumat.parity.invariants import Invariant
from maklumat.parity.pairing import Pairing, pair_sections
from maklumat.parity.sections import Document, Section, parse_document
from maklumat.publish.strings import language_name

@dataclass(frozen=True)
class Problem:
    code: str
    severity: str           # "error" | "warning"
    message: str
    path: str
    line: int | None
    lang: str | None = None
    anchor: str | None = None
    fields: tuple = ()      # (name, value) pairs for the catalog's words of `code` (messages.py)

    def to_dict(self) -> dict:
        return asdict(self)


def lang_name(lang: str) -> str:
    """The language's English name (editors' messages are in English), from Babel."""
    return language_name(lang, "en")


def check_pair(id_path: str, id_text: str, en_path: str, en_text: str,
               prevailing: str = "id") -> list[Problem]:
    """Every parity problem between the Indonesian and English texts of one notice.
    Raises MaklumatError (file and line) when a text cannot be read."""
    docs = {"id": parse_document(id_text, id_path), "en": parse_document(en_text, en_path)}
    other = "en" if prevailing == "id" else "id"
    return compare(docs[prevailing], prevailing, docs[other], other)


def compare(ref: Document, ref_lang: str, tr: Document, tr_lang: str) -> list[Problem]:
    """Problems of the translation `tr` measured against the prevailing text `ref`."""
    c = _Comparison(ref, ref_lang, tr, tr_lang)
    c.run()
    return sorted(c.problems, key=lambda p: (p.path, p.line or 0, p.code))


class _Comparison:
    def __init__(self, ref: Document, ref_lang: str, tr: Document, tr_lang: str):
        self.ref, self.tr = ref, tr
        self.R, self.T = ("lang", ref_lang), ("lang", tr_lang)
        self.tr_lang = tr_lang
        self.problems: list[Problem] = []
        self.ref_sections, self.tr_sections = ref.sections, tr.sections
        self.inv = {id(s): invariants.extract(s.runs, ref_lang) for s in self.ref_sections}
        self.inv.update({id(s): invariants.extract(s.runs, tr_lang) for s in self.tr_sections})
        features = {k: frozenset(i.value for i in v if i.kind != "fragment") for k, v in self.inv.items()}
        self.pairing: Pairing = pair_sections(self.ref_sections, self.tr_sections, features)

    def add(self, code: str, severity: str, key: str, fields: dict, line: int | None,
            section: Section | None = None, anchor: str | None = None) -> None:
        """A finding: the catalog's `parity_<key>` with `fields` (wording.py), English in `message`."""
        anchor = anchor or (section.slug if section is not None and section.level else None)
        fields = {"R": self.R, "T": self.T, **fields}
        message = wording.render("en", f"parity_{key}", fields)
        self.problems.append(Problem(code, severity, message, self.tr.path, line, self.tr_lang, anchor,
                                     fields=(("key", f"parity_{key}"), *fields.items())))

    def run(self) -> None:
        self.effective()
        self.structure()
        fragments = self.fragment_keys()
        for r, t in self.pairing.pairs:
            self.shapes(r, t)
            self.values(r, t, fragments)

    # -- front matter ---------------------------------------------------------------
    def effective(self) -> None:
        a, b = self.ref.effective, self.tr.effective
        if a == b:
            return
        line = self.tr.effective_line or 1
        key = "effective_tr_none" if b is None else "effective_ref_none" if a is None else "effective_differ"
        self.add("effective", "error", key, {"a": a.isoformat() if a else "", "b": b.isoformat() if b else ""}, line)

    # -- sections ---------------------------------------------------------------------
    def structure(self) -> None:
        p = self.pairing
        for s in p.duplicates:
            if any(s is x for x in self.tr_sections):
                self.add("duplicate-anchor", "warning", "duplicate_anchor", {"sec": _name(s), "anchor": s.anchor},
                         s.line_start, s)
        for s in p.missing:
            line, where = self.insertion_point(s)
            self.add("section-missing", "error", "section_missing",
                     {"sec": _name(s), "line": s.line_start, "ref_path": self.ref.path, **where}, line, s)
        for s in p.extra:
            self.add("section-extra", "error", "section_extra", {"sec": _name(s)}, s.line_start, s)
        for r, t in p.moved:
            self.add("section-order", "warning", "section_order",
                     {"sec": _name(t, r), "after_r": _after(self.ref_sections, r),
                      "after_t": _after(self.tr_sections, t)}, t.line_start, t, r.anchor)
        for r, t in p.pairs:
            if r.level != t.level:
                self.add("section-level", "warning", "section_level",
                         {"sec": _name(t, r), "t_level": t.level, "t_hashes": "#" * t.level, "r_level": r.level,
                          "r_hashes": "#" * r.level}, t.line_start, t, r.anchor)
            if r.level and r.anchor != t.anchor and (r.anchor or t.anchor):
                theirs = ("anchor", t.anchor, "no_anchor")
                ours = ("anchor", r.anchor, "none")
                self.add("anchor-mismatch", "warning", "anchor_mismatch",
                         {"sec": _name(t, r), "theirs": theirs, "ours": ours}, t.line_start, t, r.anchor)

    def insertion_point(self, missing: Section) -> tuple[int, dict]:
        """Where a section missing from the translation goes: before the counterpart of
        the next paired section, else at the end of the last one before it."""
        order = self.ref_sections
        idx = next(i for i, s in enumerate(order) if s is missing)
        moved = {id(r) for r, _ in self.pairing.moved}
        for s in order[idx + 1:]:
            t = self.pairing.counterpart(s)
            if t is not None and id(s) not in moved:
                return t.line_start, {"where": ("where", "before", t.line_start, _name(t, s))}
        for s in reversed(order[:idx]):
            t = self.pairing.counterpart(s)
            if t is not None and id(s) not in moved:
                return t.line_end, {"where": ("where", "after_end" if t.level else "after", t.line_end,
                                              _name(t, s))}
        return 1, {"where": ("where", "text", 0, None)}

    # -- lists and tables -------------------------------------------------------------
    def shapes(self, r: Section, t: Section) -> None:
        where = t.line_start if t.level else (t.runs[0].line if t.runs else 1)
        if len(r.lists) != len(t.lists):
            self.add("list-items", "error", "count_here",
                     {"sec": _name(t, r), "r_n": ("count", "list", len(r.lists)),
                      "t_n": ("count", "list", len(t.lists))}, t.lists[0].line if t.lists else where, t, r.anchor)
        else:
            for a, b in zip(r.lists, t.lists):
                if len(a.items) != len(b.items):
                    self.add("list-items", "error", "list_items",
                             {"sec": _name(t, r), "line": b.line, "t_n": ("count", "item", len(b.items)),
                              "r_n": len(a.items), "r_line": a.line}, b.line, t, r.anchor)
        if len(r.table_shapes) != len(t.table_shapes):
            self.add("table-shape", "error", "count_here",
                     {"sec": _name(t, r), "r_n": ("count", "table", len(r.table_shapes)),
                      "t_n": ("count", "table", len(t.table_shapes))},
                     t.table_shapes[0].line if t.table_shapes else where, t, r.anchor)
            return
        for a, b in zip(r.table_shapes, t.table_shapes):
            if (a.rows, a.cols) != (b.rows, b.cols):
                self.add("table-shape", "error", "table_shape",
                         {"sec": _name(t, r), "line": b.line, "t_rows": ("count", "row", b.rows),
                          "t_cols": ("count", "column", b.cols), "r_rows": ("count", "row", a.rows),
                          "r_cols": ("count", "column", a.cols)}, b.line, t, r.anchor)

    # -- invariants -------------------------------------------------------------------
    def fragment_keys(self) -> dict[tuple[int, str], str]:
        """`#frag` links inside a notice compare by the section they reach, so
        `#retensi-data` and `#data-retention` are the same target."""
        keys: dict[tuple[int, str], str] = {}
        for n, (r, t) in enumerate(self.pairing.pairs):
            for doc_id, s in ((1, r), (2, t)):
                for name in {s.slug, s.anchor} - {None, ""}:
                    keys[(doc_id, name)] = f"section {n}"
        return keys

    def values(self, r: Section, t: Section, fragments) -> None:
        ri = [_fragment(i, 1, fragments) for i in self.inv[id(r)]]
        ti = [_fragment(i, 2, fragments) for i in self.inv[id(t)]]
        by_kind = defaultdict(lambda: ([], []))
        for i in ri:
            by_kind["url" if i.kind == "fragment" else i.kind][0].append(i)
        for i in ti:
            by_kind["url" if i.kind == "fragment" else i.kind][1].append(i)
        for kind, (a, b) in by_kind.items():
            if not self.differences(kind, a, b, r, t) and Counter(i.value for i in a) != Counter(i.value for i in b):
                self.by_unit(kind, a, b, r, t)
            if kind == "number":
                self.units(a, b, r, t)

    def by_unit(self, kind: str, a: list[Invariant], b: list[Invariant], r: Section, t: Section) -> None:
        """The same values, but not equally often: a value may have changed into one the
        section already uses (1 year -> 2 years in one table row). Table rows and list
        items are translated one for one, so compare them pairwise to find the line."""
        ru, tu = _units(r), _units(t)
        if len(ru) != len(tu) or [(x.rows, x.cols) for x in r.table_shapes] != \
                [(x.rows, x.cols) for x in t.table_shapes]:
            return
        for n, span in enumerate(tu):
            mine = [i for i in a if _unit_of(ru, i.line) == n]
            theirs = [i for i in b if _unit_of(tu, i.line) == n]
            self.differences(kind, mine, theirs, r, t, missing_line=span[0])

    def differences(self, kind: str, a: list[Invariant], b: list[Invariant], r: Section, t: Section,
                    missing_line: int | None = None) -> bool:
        a_vals = {v for i in a for v in i.values}
        b_vals = {v for i in b for v in i.values}
        missing = _unique(i for i in a if b_vals.isdisjoint(i.values))
        extra = _unique(i for i in b if a_vals.isdisjoint(i.values))
        code = "link" if kind in ("url", "fragment") else kind
        what = ("kind", kind)
        for x, y in zip(missing, extra):
            self.add(code, "error", "value_differs", {"sec": _name(t, r), "what": what, "x": _shown(x),
                                                      "y": _shown(y)}, y.line, t, r.anchor)
        for x in missing[len(extra):]:
            self.add(code, "error", "value_missing", {"sec": _name(t, r), "what": what, "x": _shown(x),
                                                      "x_line": x.line}, missing_line or _heading_line(t), t, r.anchor)
        for y in extra[len(missing):]:
            self.add(code, "error", "value_extra", {"sec": _name(t, r), "what": what, "y": _shown(y)},
                     y.line, t, r.anchor)
        return bool(missing or extra)

    def units(self, a: list[Invariant], b: list[Invariant], r: Section, t: Section) -> None:
        """30 days is not 30 months: a number both texts give as a duration must have
        the same unit in both (a bare number on one side is not compared)."""
        for value in dict.fromkeys(i.value for i in a if i.unit):
            ua = {i.unit for i in a if i.value == value and i.unit}
            tb = [i for i in b if i.value == value and i.unit]
            if not tb or ua == {i.unit for i in tb}:
                continue
            x = next(i for i in a if i.value == value and i.unit not in {j.unit for j in tb}) \
                if ua - {i.unit for i in tb} else next(i for i in a if i.value == value and i.unit)
            y = next((i for i in tb if i.unit not in ua), tb[0])
            self.add("number", "error", "value_differs", {"sec": _name(t, r), "what": ("kind", "number"),
                                                          "x": _shown(x), "y": _shown(y)}, y.line, t, r.anchor)


def _units(section: Section) -> list[tuple[int, int]]:
    """Table rows and list items, in a fixed order, as (first line, last line)."""
    rows = [(line, line) for shape in section.table_shapes for line in shape.row_lines]
    return rows + [span for shape in section.lists for span in shape.spans]


def _unit_of(units: list[tuple[int, int]], line: int) -> int | None:
    """The innermost row or item holding `line` (a nested item wins over its parent)."""
    holding = [(end - start, n) for n, (start, end) in enumerate(units) if start <= line <= end]
    return min(holding)[1] if holding else None


def _fragment(inv: Invariant, doc_id: int, keys) -> Invariant:
    if inv.kind != "fragment":
        return inv
    target = keys.get((doc_id, inv.value))
    return Invariant("fragment", target or inv.raw, inv.raw, inv.line)


def _unique(items) -> list[Invariant]:
    seen, out = set(), []
    for i in items:
        if i.value not in seen:
            seen.add(i.value)
            out.append(i)
    return out


def _shown(inv: Invariant) -> tuple:
    return ("inv", inv.value, inv.unit, inv.raw)


def _name(section: Section, other: Section | None = None) -> tuple:
    if section.level == 0:
        return ("opening",)
    anchor = section.anchor or (other.anchor if other is not None else None)
    return ("section", section.title, anchor)


def _after(order: list[Section], section: Section) -> tuple:
    idx = next(i for i, s in enumerate(order) if s is section)
    if idx <= 1:
        return ("start",)
    name = _name(order[idx - 1])
    return ("after", *name[1:]) if name[0] == "section" else name


def _heading_line(section: Section) -> int:
    if section.level:
        return section.line_start
    return section.runs[0].line if section.runs else 1

