"""Parity by mutation on the project's own sample Privacy Notice (docs/id, docs/en as
they stand in the working tree): the pair reports nothing, and each kind of divergence
injected into one language is reported at the English text's right line.

Nothing here quotes the sample: what is mutated (sections, list items, table rows, numbers,
e-mail addresses, links, phone numbers, dates) is found in the notice itself, so editors
can rewrite the sample without breaking this test. (tests/test_parity_mutations.py does
the same on a fixed fixture, with both prevailing languages and without anchors.)"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from maklumat.parity.checks import check_pair
from maklumat.parity.invariants import extract_text
from test_parity_mutations import delete_section, line_of, section_span, swap_sections

DOCS = Path(__file__).resolve().parent.parent / "docs"
LANGS = ("id", "en")
PATHS = {lang: f"docs/{lang}/privacy.md" for lang in LANGS}
SAMPLE = {lang: (DOCS / lang / "privacy.md").read_text(encoding="utf-8") for lang in LANGS}

# The test's own text, added to the sample (never taken from it): a new section, and a
# dated sentence for the "date" kind (the sample states no calendar date in its body).
NEW_SECTION = {"id": "## Program Loyalitas Uji {#mutation-test-section}\n\nPoin uji hangus setelah 12 bulan.\n\n",
               "en": "## Test Loyalty Programme {#mutation-test-section}\n\nTest points expire after 12 months.\n\n"}
DATED = {"id": "\nVersi uji ini berlaku sejak 8 Januari 2027.\n", "en": "\nThis test version applies from January 8, 2027.\n"}
H2 = re.compile(r"^## .*\{#([\w-]+)\}\s*$")
LINK = re.compile(r"\]\(([^)\s#:]+)\)")      # a relative link target: ](cookies.md)
VALUE_KINDS = {"number": "number", "date": "date", "email": "email", "phone": "phone"}
KINDS = ["delete-section", "add-section", "swap-sections", "change-level", "list-item", "table-row",
         "number", "date", "email", "url", "phone", "effective"]


# --- reading the notice ------------------------------------------------------------------

def body_start(text: str) -> int:
    """1-based line after the front matter."""
    lines = text.split("\n")
    return lines.index("---", 1) + 2 if lines[0] == "---" else 1


def anchors(text: str) -> list[str]:
    return [m.group(1) for line in text.split("\n") if (m := H2.match(line))]


def section_of(text: str, line: int) -> str | None:
    """The anchor of the level-2 section holding 1-based `line`."""
    current = None
    for n, row in enumerate(text.split("\n"), start=1):
        if n > line:
            break
        if m := H2.match(row):
            current = m.group(1)
    return current


def heading(text: str, anchor: str) -> int:
    return line_of(text, f"{{#{anchor}}}")


def facts(text: str, lang: str) -> dict[tuple[str, str], list[tuple[int, str]]]:
    """(kind, value) -> [(line, raw)] for every fact of the body, links included."""
    found: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for n, row in enumerate(text.split("\n"), start=1):
        if n < body_start(text):
            continue
        for fact in extract_text(row, lang, n):
            if fact.kind in VALUE_KINDS:
                found.setdefault((fact.kind, fact.value), []).append((n, fact.raw))
        for target in LINK.findall(row):
            found.setdefault(("url", target), []).append((n, target))
    return found


def pick_fact(texts: dict[str, str], kind: str) -> dict[str, tuple[int, str]]:
    """A fact of `kind` written on exactly one line of one section in each language:
    lang -> (line, raw as written)."""
    per_lang = {lang: facts(text, lang) for lang, text in texts.items()}
    for key, where in per_lang["id"].items():
        if key[0] != kind:
            continue
        by_section = {lang: {} for lang in LANGS}
        for lang, found in (("id", where), ("en", per_lang["en"].get(key, []))):
            for n, raw in found:
                by_section[lang].setdefault(section_of(texts[lang], n), {})[n] = raw
        for section, lines in by_section["id"].items():
            en_lines = by_section["en"].get(section, {})
            if len(lines) == len(en_lines) == 1:
                return {"id": next(iter(lines.items())), "en": next(iter(en_lines.items()))}
    pytest.fail(f"the sample has no {kind} written on one line of a section in each language")


def pick_block(texts: dict[str, str], start: str, min_items: int) -> dict[str, list[int]]:
    """The first list (`start` "- ") or table ("|") with at least `min_items` items whose
    item lines are consecutive, in each language: lang -> its item lines (1-based)."""
    out = {}
    for lang, text in texts.items():
        lines = text.split("\n")
        runs, run = [], []
        for n, row in enumerate(lines, start=1):
            if row.startswith(start) and n >= body_start(text):
                run.append(n)
            elif run:
                runs.append(run)
                run = []
        runs = [r for r in runs + [run] if len(r) >= min_items]
        if not runs:
            pytest.fail(f"the sample's {lang} text has no block of {min_items}+ lines starting {start!r}")
        out[lang] = runs[0]
    return out


def middle_sections(texts: dict[str, str]) -> tuple[str, str, tuple[str, str]]:
    """(a section with no sub-sections away from both ends, the one after it, two adjacent
    sections before it), chosen from the prevailing text's anchors."""
    names = anchors(texts["id"])
    assert names == anchors(texts["en"]), "the sample's two languages have different sections"
    assert len(names) >= 5, f"the sample needs 5 anchored sections, has {names}"
    for i in range(len(names) // 2, len(names) - 1):
        start, end = section_span(texts["id"], names[i])
        if not any(row.startswith("###") for row in texts["id"].split("\n")[start + 1:end]):
            return names[i], names[i + 1], (names[i - 2], names[i - 1])
    pytest.fail("the sample has no section without sub-sections in its second half")


# --- mutating it ---------------------------------------------------------------------------

def replace_on_line(text: str, line: int, old: str, new: str) -> str:
    lines = text.split("\n")
    assert old in lines[line - 1], f"{old!r} is not on line {line}"
    lines[line - 1] = lines[line - 1].replace(old, new)
    return "\n".join(lines)


def drop_line(text: str, line: int) -> str:
    lines = text.split("\n")
    return "\n".join(lines[: line - 1] + lines[line:])


def other_value(kind: str, raw: str) -> str:
    """`raw` changed so that it means something else, written the same way."""
    if kind == "number":
        return re.sub(r"\d+", lambda m: str(int(m.group()) + 1000), raw, count=1)
    if kind == "email":
        return "other-" + raw
    if kind == "url":
        stem, dot, ext = raw.rpartition(".")
        return f"{stem}-other.{ext}" if dot else raw + "-other"
    if kind == "phone":
        return raw[:-1] + str((int(raw[-1]) + 1) % 10)
    if kind == "date":   # one day later, in the same language's words
        return re.sub(r"\b8\b", "9", raw, count=1)
    raise ValueError(kind)


def dated(texts: dict[str, str]) -> dict[str, str]:
    return {lang: text.rstrip("\n") + "\n" + DATED[lang] for lang, text in texts.items()}


def mutate(kind: str, texts: dict[str, str], into: str) -> tuple[str, str, list[int]]:
    """(the mutated text of `into`, the expected problem code, candidate lines in the
    English text as it ends up)."""
    text, into_en = texts[into], into == "en"
    en = texts["en"]
    middle, following, swap = middle_sections(texts)
    if kind == "delete-section":   # missing from English: where it belongs (before the next one)
        return (delete_section(text, middle), *(("section-missing", [heading(delete_section(en, middle), following)])
                                                if into_en else ("section-extra", [heading(en, middle)])))
    if kind == "add-section":
        start, _ = section_span(text, following)
        lines = text.split("\n")
        new = "\n".join(lines[:start]) + "\n" + NEW_SECTION[into] + "\n".join(lines[start:])
        return new, *(("section-extra", [heading(new, "mutation-test-section")]) if into_en
                      else ("section-missing", [heading(en, following)]))
    if kind == "swap-sections":
        new = swap_sections(text, *swap)
        final = new if into_en else en
        return new, "section-order", [heading(final, swap[0]), heading(final, swap[1])]
    if kind == "change-level":
        return re.sub(rf"^## (.*\{{#{middle}\}})$", r"### \1", text, flags=re.M), "section-level", [heading(en, middle)]
    if kind == "effective":
        old = re.search(r"^effective: (\d{4}-\d\d-\d\d)$", text, flags=re.M)
        later = (dt.date.fromisoformat(old.group(1)) + dt.timedelta(days=1)).isoformat()
        return text.replace(old.group(0), f"effective: {later}"), "effective", [line_of(en, "effective:")]
    if kind == "list-item":        # the list's last item dropped: reported at its first item
        items = pick_block(texts, "- ", 3)
        return drop_line(text, items[into][-1]), "list-items", [items["en"][0]]
    if kind == "table-row":        # the table's last row dropped: reported at its header row
        rows = pick_block(texts, "|", 4)
        return drop_line(text, rows[into][-1]), "table-shape", [rows["en"][0]]
    chosen = pick_fact(texts, kind)
    line, raw = chosen[into]
    code = {"url": "link"}.get(kind, kind)
    return replace_on_line(text, line, raw, other_value(kind, raw)), code, [chosen["en"][0]]


def test_sample_privacy_notice_in_sync_reports_nothing():
    assert check_pair(PATHS["id"], SAMPLE["id"], PATHS["en"], SAMPLE["en"]) == []
    texts = dated(SAMPLE)
    assert check_pair(PATHS["id"], texts["id"], PATHS["en"], texts["en"]) == []


@pytest.mark.parametrize("into", LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_each_divergence_in_the_sample_is_reported(kind, into):
    texts = dated(SAMPLE) if kind == "date" else dict(SAMPLE)
    mutated, code, lines = mutate(kind, texts, into)
    assert mutated != texts[into]
    texts[into] = mutated
    problems = check_pair(PATHS["id"], texts["id"], PATHS["en"], texts["en"])
    assert {p.path for p in problems} == {PATHS["en"]}, problems
    assert [p for p in problems if p.code == code and p.line in lines], \
        f"expected [{code}] at {PATHS['en']}:{lines}, got " + "; ".join(f"{p.line} [{p.code}]" for p in problems)


def test_mutations_follow_the_sample_when_it_is_edited():
    """The targets are read from the notice: a sample with one more section and list item
    at the top still gets each kind of divergence reported."""
    edited = {lang: text.replace("\n## ", "\n## Pembuka Uji {#opening-test}\n\n- satu\n- dua\n- tiga\n\n## ", 1)
              for lang, text in SAMPLE.items()}
    assert check_pair(PATHS["id"], edited["id"], PATHS["en"], edited["en"]) == []
    for kind in KINDS:
        texts = dated(edited) if kind == "date" else dict(edited)
        texts["en"], code, lines = mutate(kind, texts, "en")
        problems = check_pair(PATHS["id"], texts["id"], PATHS["en"], texts["en"])
        assert [p for p in problems if p.code == code and p.line in lines], (kind, problems)
