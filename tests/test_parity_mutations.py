"""Parity by mutation: start from a pair of notices in sync, break one language in one
way at a time, and require the checker to say so at the right file and line; the
unmodified pair must report nothing.

Every problem points at the translation (the non-prevailing text): where the values
differ, or where a missing section belongs, or at the extra section."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from maklumat.parity.checks import check_pair

FIXTURES = Path(__file__).parent / "fixtures" / "parity"
TEXTS = {lang: (FIXTURES / f"{lang}.md").read_text(encoding="utf-8") for lang in ("id", "en")}
PATHS = {"id": "docs/id/privacy.md", "en": "docs/en/privacy.md"}


def line_of(text: str, needle: str) -> int:
    hits = [n for n, line in enumerate(text.split("\n"), start=1) if needle in line]
    assert len(hits) == 1, f"{needle!r} found on lines {hits}"
    return hits[0]


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def section_span(text: str, anchor: str) -> tuple[int, int]:
    """0-based [start, end) lines of the section headed `{#anchor}` and its sub-sections."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("#") and f"{{#{anchor}}}" in line)
    level = len(lines[start]) - len(lines[start].lstrip("#"))
    end = next((i for i in range(start + 1, len(lines))
                if re.match(r"#{1,%d} " % level, lines[i])), len(lines))
    return start, end


def delete_section(text: str, anchor: str) -> str:
    lines = text.split("\n")
    start, end = section_span(text, anchor)
    return "\n".join(lines[:start] + lines[end:])


def swap_sections(text: str, first: str, second: str) -> str:
    lines = text.split("\n")
    a, b = section_span(text, first), section_span(text, second)
    assert a[1] == b[0], "the fixture's sections must be adjacent"
    return "\n".join(lines[: a[0]] + lines[b[0]: b[1]] + lines[a[0]: a[1]] + lines[b[1]:])


NEW_SECTION = {
    "id": "## 10a. Program Loyalitas {#loyalty}\n\nPoin loyalitas kedaluwarsa setelah 12 bulan.\n\n",
    "en": "## 10a. Loyalty Programme {#loyalty}\n\nLoyalty points expire after 12 months.\n\n",
}
EDITS = {   # kind -> lang -> (old, new): one edit of a fact in one language
    "number": {"id": ("30 (tiga puluh) hari atau", "60 (enam puluh) hari atau"),
               "en": ("30 (thirty) days or", "60 (sixty) days or")},
    "date": {"id": ("10 Januari 2025", "11 Januari 2025"), "en": ("January 10, 2025", "January 11, 2025")},
    "email": {"id": ("Pribadi: dpo@seruni.example", "Pribadi: pdp@seruni.example"),
              "en": ("Officer: dpo@seruni.example", "Officer: pdp@seruni.example")},
    "url": {"id": ("privasi/permintaan)", "privasi/formulir)"), "en": ("privasi/permintaan)", "privasi/formulir)")},
    "phone": {"id": ("021-5550-0100", "021-5550-0111"), "en": ("+62 21 5550 0100", "+62 21 5550 0111")},
    "effective": {"id": ("effective: 2025-01-10", "effective: 2025-02-01"),
                  "en": ("effective: 2025-01-10", "effective: 2025-02-01")},
}
DROPPED = {   # kind -> lang -> the whole line to drop
    "list-item": {"id": "- data lokasi perkiraan", "en": "- approximate location data"},
    "table-row": {"id": "| Mencegah penipuan", "en": "| Preventing fraud"},
}
# kind -> (problem code, locator of the expected line in the translation's final text)
LOCATE = {
    "number": ("number", lambda t: [line_of(t, "days or anonymised") if "days or anonymised" in t
                                    else line_of(t, "hari atau dianonimkan")]),
    "date": ("date", lambda t: [line_of(t, "2025 and replaces") if "2025 and replaces" in t
                                else line_of(t, "2025 dan menggantikan")]),
    "email": ("email", lambda t: [line_of(t, "Officer:") if "Officer:" in t else line_of(t, "Pribadi: ")]),
    "url": ("link", lambda t: [line_of(t, "privasi/")]),
    "phone": ("phone", lambda t: [line_of(t, "5550")]),
    "effective": ("effective", lambda t: [line_of(t, "effective:")]),
    "list-item": ("list-items", lambda t: [line_of(t, "- identity data") if "identity data" in t
                                           else line_of(t, "- data identitas")]),
    "table-row": ("table-shape", lambda t: [line_of(t, "| Purpose |") if "| Purpose |" in t
                                            else line_of(t, "| Tujuan |")]),
}


def heading(text: str, anchor: str) -> int:
    return line_of(text, f"{{#{anchor}}}")


def mutate(kind: str, text: str, lang: str) -> str:
    return inject(kind, text, lang, NEW_SECTION, EDITS, DROPPED, swap=("sharing", "transfers"))


def inject(kind: str, text: str, lang: str, new_section, edits, dropped, swap: tuple[str, str]) -> str:
    """One divergence of `kind` in `text`: the `{#children}` section deleted or demoted,
    `new_section` added before `{#changes}`, the `swap` sections traded, an edit from
    `edits` or a line starting as in `dropped` removed (tables: kind -> lang -> ...)."""
    if kind == "delete-section":
        return delete_section(text, "children")
    if kind == "add-section":
        start, _ = section_span(text, "changes")
        lines = text.split("\n")
        return "\n".join(lines[:start]) + "\n" + new_section[lang] + "\n".join(lines[start:])
    if kind == "swap-sections":
        return swap_sections(text, *swap)
    if kind == "change-level":
        return re.sub(r"^## (.*\{#children\})$", r"### \1", text, flags=re.M)
    if kind in edits:
        return replace_once(text, *edits[kind][lang])
    needle = dropped[kind][lang]
    return "\n".join(line for line in text.split("\n") if not line.startswith(needle))


def expected(kind: str, tr_text: str, mutated_translation: bool) -> tuple[str, list[int]]:
    """The code and candidate lines of the problem, in the translation's final text."""
    if kind == "delete-section":   # missing from the translation: where it belongs; else the extra one
        return ("section-missing", [heading(tr_text, "changes")]) if mutated_translation \
            else ("section-extra", [heading(tr_text, "children")])
    if kind == "add-section":
        return ("section-extra", [heading(tr_text, "loyalty")]) if mutated_translation \
            else ("section-missing", [heading(tr_text, "changes")])
    if kind == "swap-sections":    # either of the two may be the one reported as moved
        return "section-order", [heading(tr_text, "sharing"), heading(tr_text, "transfers")]
    if kind == "change-level":
        return "section-level", [heading(tr_text, "children")]
    code, locate = LOCATE[kind]
    return code, locate(tr_text)


KINDS = ["delete-section", "add-section", "swap-sections", "change-level", "list-item", "table-row",
         "number", "date", "email", "url", "phone", "effective"]


def run_pair(texts: dict[str, str], prevailing: str):
    return check_pair(PATHS["id"], texts["id"], PATHS["en"], texts["en"], prevailing=prevailing)


@pytest.mark.parametrize("prevailing", ["id", "en"])
def test_fixture_pair_in_sync_reports_nothing(prevailing):
    assert run_pair(TEXTS, prevailing) == []


@pytest.mark.parametrize("prevailing", ["id", "en"])
@pytest.mark.parametrize("into", ["id", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_each_divergence_is_reported_at_the_translation(kind, into, prevailing):
    texts = dict(TEXTS)
    texts[into] = mutate(kind, texts[into], into)
    assert texts[into] != TEXTS[into]
    translation = "en" if prevailing == "id" else "id"
    problems = run_pair(texts, prevailing)
    code, lines = expected(kind, texts[translation], mutated_translation=(into == translation))
    assert problems, f"{kind} injected into {into} went unnoticed"
    assert {p.path for p in problems} == {PATHS[translation]}, problems
    hits = [p for p in problems if p.code == code and p.line in lines]
    assert hits, f"expected [{code}] at {PATHS[translation]}:{lines}, got " + \
        "; ".join(f"{p.line} [{p.code}] {p.message}" for p in problems)
    assert all(p.severity in ("error", "warning") and p.message.endswith(".") for p in problems)


def test_changed_number_message_names_section_and_both_values():
    texts = dict(TEXTS, en=mutate("number", TEXTS["en"], "en"))
    problems = run_pair(texts, "id")
    assert [p.message for p in problems if p.code == "number"] == [
        "Section '4. Data Retention' {#retention}: the Indonesian text says 30 days, "
        "the English text says 60 days."]


def test_unit_change_is_a_difference():
    en = replace_once(TEXTS["en"], "inactive for 24 months", "inactive for 24 weeks")
    problems = run_pair(dict(TEXTS, en=en), "id")
    assert [(p.code, p.line) for p in problems] == [("number", line_of(en, "24 weeks"))]
    assert "24 months" in problems[0].message and "24 weeks" in problems[0].message


def test_value_missing_from_translation_points_at_its_section():
    en = replace_once(TEXTS["en"], ", and report on its handling within the following 24 hours", "")
    problems = run_pair(dict(TEXTS, en=en), "id")
    assert [(p.code, p.line) for p in problems] == [("number", heading(en, "security"))]
    assert "24 hours" in problems[0].message and "does not" in problems[0].message


def test_fragment_links_compare_by_the_section_they_reach():
    # Without explicit anchors each language links to its own heading's slug: same section, no problem.
    plain = {lang: strip_anchors(text) for lang, text in TEXTS.items()}
    plain["id"] = replace_once(plain["id"], "(#retention)", "(#4-retensi-data)")
    plain["en"] = replace_once(plain["en"], "(#retention)", "(#4-data-retention)")
    assert run_pair(plain, "id") == []
    en_text = replace_once(TEXTS["en"], "(#retention)", "(#purposes)")
    problems = run_pair(dict(TEXTS, en=en_text), "id")
    assert [(p.code, p.line) for p in problems] == [("link", line_of(en_text, "(#purposes)"))]


def test_anchor_missing_in_translation_is_a_warning():
    en = replace_once(TEXTS["en"], "## 7. Security {#security}", "## 7. Security")
    problems = run_pair(dict(TEXTS, en=en), "id")
    assert [(p.code, p.severity, p.line) for p in problems] == [("anchor-mismatch", "warning", line_of(en, "## 7."))]


def strip_anchors(text: str) -> str:
    return re.sub(r" \{#[\w-]+\}$", "", text, flags=re.M)


@pytest.mark.parametrize("into", ["id", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_without_anchors_sections_pair_by_position(kind, into):
    """Without explicit anchors the same divergences are found, at the same lines, by
    position and level (and, for two sections that traded places, by their facts)."""
    plain = {lang: strip_anchors(text) for lang, text in TEXTS.items()}
    assert run_pair(plain, "id") == []
    texts = dict(TEXTS)
    texts[into] = mutate(kind, TEXTS[into], into)
    code, lines = expected(kind, texts["en"], mutated_translation=(into == "en"))  # stripping keeps lines
    problems = run_pair({lang: strip_anchors(text) for lang, text in texts.items()}, "id")
    assert {p.path for p in problems} == {PATHS["en"]}
    assert [p for p in problems if p.code == code and p.line in lines], problems
