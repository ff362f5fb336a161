"""Parity compares the structure the reader sees (the site's rendering), not markdown-it's."""
from __future__ import annotations

from maklumat.parity.checks import check_pair
from maklumat.parity.sections import parse_document

HEAD_ID = "# Judul\n\n## Data {#data}\n\n"
HEAD_EN = "# Title\n\n## Data {#data}\n\n"


def problems(id_body: str, en_body: str):
    return check_pair("docs/id/x.md", HEAD_ID + id_body, "docs/en/x.md", HEAD_EN + en_body)


def test_list_against_paragraph_is_a_problem():
    found = problems("Kami mengumpulkan:\n\n- nama\n- surel\n", "We collect:\n- name\n- email\n")
    assert [p.code for p in found] == ["list-items"]
    assert "1 list" in found[0].message and "0 lists" in found[0].message and found[0].lang == "en"


def test_same_trap_in_both_languages_reads_alike():
    # Both render as one paragraph: no list on either side, nothing to report.
    assert problems("Kami mengumpulkan:\n- nama\n- surel\n", "We collect:\n- name\n- email\n") == []


def test_item_counts_are_those_the_reader_sees():
    # Indented by 2, the "nested" items are items of the same list on the site: 3 items
    # against 1 item with a sub-list of 2.
    id_body = "- nama\n    - depan\n    - belakang\n"
    en_body = "- name\n  - first\n  - last\n"
    doc = parse_document(HEAD_EN + en_body, "docs/en/x.md")
    data = [s for s in doc.sections if s.anchor == "data"][0]
    assert [(x.ordered, len(x.items)) for x in data.lists] == [(False, 3)]
    assert [p.code for p in problems(id_body, en_body)] == ["list-items"]


def test_reconciled_shapes_keep_file_lines():
    doc = parse_document("---\ntitle: x\n---\n" + HEAD_EN + "Text:\n- a\n- b\n\n- c\n- d\n", "docs/en/x.md")
    data = [s for s in doc.sections if s.anchor == "data"][0]
    assert [(len(x.items), x.line) for x in data.lists] == [(2, 12)]   # the list the reader sees, at its line
