"""Parity by mutation on the project's own sample Privacy Notice (docs/id, docs/en as
they stand in the working tree): the pair reports nothing, and each kind of divergence
injected into one language is reported at the English text's right line.
(tests/test_parity_mutations.py does the same on a fixture, with both prevailing
languages and without anchors.)"""
from __future__ import annotations

from pathlib import Path

import pytest

from maklumat.parity.checks import check_pair
from test_parity_mutations import inject, line_of, replace_once

DOCS = Path(__file__).resolve().parent.parent / "docs"
PATHS = {lang: f"docs/{lang}/privacy.md" for lang in ("id", "en")}
SAMPLE = {lang: (DOCS / lang / "privacy.md").read_text(encoding="utf-8") for lang in PATHS}

# The sample states no calendar date in its body: the "date" kind first adds the same
# date to both languages (still in sync), then changes it in one.
DATED = {"id": ("paling lambat 7 (tujuh) hari sebelum tanggal berlakunya",
                "paling lambat 7 (tujuh) hari sebelum tanggal berlakunya (untuk versi ini: 8 Januari 2027)"),
         "en": ("at least 7 (seven) days before it takes effect",
                "at least 7 (seven) days before it takes effect (for this version: January 8, 2027)")}
NEW_SECTION = {"id": "## Program Loyalitas {#loyalty}\n\nPoin loyalitas hangus setelah 12 bulan.\n\n",
               "en": "## Loyalty Programme {#loyalty}\n\nLoyalty points expire after 12 months.\n\n"}
EDITS = {   # kind -> lang -> (old, new)
    "number": {"id": ("| 10 (sepuluh) tahun", "| 5 (lima) tahun"), "en": ("| 10 (ten) years", "| 5 (five) years")},
    "date": {"id": ("8 Januari 2027", "9 Januari 2027"), "en": ("January 8, 2027", "January 9, 2027")},
    "email": {"id": ("- **Email:** [dpo@seruni.example](mailto:dpo@seruni.example)",
                     "- **Email:** [privasi@seruni.example](mailto:privasi@seruni.example)"),
              "en": ("- **E-mail:** [dpo@seruni.example](mailto:dpo@seruni.example)",
                     "- **E-mail:** [privacy@seruni.example](mailto:privacy@seruni.example)")},
    "url": {"id": ("](cookies.md)", "](index.md)"), "en": ("](cookies.md)", "](index.md)")},
    "phone": {"id": ("+62 21 5550 0199, Senin", "+62 21 5550 0100, Senin"),
              "en": ("+62 21 5550 0199, Monday", "+62 21 5550 0100, Monday")},
    "effective": {"id": ("effective: 2027-01-15", "effective: 2027-02-01"),
                  "en": ("effective: 2027-01-15", "effective: 2027-02-01")},
}
DROPPED = {"list-item": {"id": "- **Data lokasi:**", "en": "- **Location data:**"},
           "table-row": {"id": "| Rekaman panggilan", "en": "| Customer service call"}}
# kind -> (problem code, a text found once on the expected line of the English text)
WHERE = {"number": ("number", "| Transaction records |"), "date": ("date", "for this version:"),
         "email": ("email", "- **E-mail:**"), "url": ("link", "[Cookie Notice]"),
         "phone": ("phone", "- **Phone:**"), "effective": ("effective", "effective:"),
         "list-item": ("list-items", "- **Account data:**"), "table-row": ("table-shape", "| Data category |")}
KINDS = ["delete-section", "add-section", "swap-sections", "change-level", "list-item", "table-row",
         "number", "date", "email", "url", "phone", "effective"]


def dated(texts: dict[str, str]) -> dict[str, str]:
    return {lang: replace_once(text, *DATED[lang]) for lang, text in texts.items()}


def mutate(kind: str, text: str, lang: str) -> str:
    return inject(kind, text, lang, NEW_SECTION, EDITS, DROPPED, swap=("sharing", "international-transfers"))


def expected(kind: str, en: str, into_en: bool) -> tuple[str, list[int]]:
    heading = lambda anchor: line_of(en, f"{{#{anchor}}}")  # noqa: E731
    if kind == "delete-section":   # missing from English: where it belongs (before the next one)
        return ("section-missing", [heading("cookies")]) if into_en else ("section-extra", [heading("children")])
    if kind == "add-section":
        return ("section-extra", [heading("loyalty")]) if into_en else ("section-missing", [heading("changes")])
    if kind == "swap-sections":
        return "section-order", [heading("sharing"), heading("international-transfers")]
    if kind == "change-level":
        return "section-level", [heading("children")]
    code, needle = WHERE[kind]
    return code, [line_of(en, needle)]


def test_sample_privacy_notice_in_sync_reports_nothing():
    assert check_pair(PATHS["id"], SAMPLE["id"], PATHS["en"], SAMPLE["en"]) == []
    texts = dated(SAMPLE)
    assert check_pair(PATHS["id"], texts["id"], PATHS["en"], texts["en"]) == []


@pytest.mark.parametrize("into", ["id", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_each_divergence_in_the_sample_is_reported(kind, into):
    texts = dated(SAMPLE) if kind == "date" else dict(SAMPLE)
    mutated = mutate(kind, texts[into], into)
    assert mutated != texts[into]
    texts[into] = mutated
    problems = check_pair(PATHS["id"], texts["id"], PATHS["en"], texts["en"])
    code, lines = expected(kind, texts["en"], into_en=into == "en")
    assert {p.path for p in problems} == {PATHS["en"]}, problems
    assert [p for p in problems if p.code == code and p.line in lines], \
        f"expected [{code}] at {PATHS['en']}:{lines}, got " + "; ".join(f"{p.line} [{p.code}]" for p in problems)
