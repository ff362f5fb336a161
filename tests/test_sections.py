"""The section tree: levels, titles, anchors, file line numbers (front matter
included), lists, tables and the text each section owns."""
from __future__ import annotations

import pytest

from maklumat.errors import MaklumatError
from maklumat.parity.sections import parse_document, slugify, split_heading

TEXT = """\
---
title: Contoh
effective: 2025-01-10
---

# Pemberitahuan Contoh

Pembuka dengan [tautan](https://seruni.example/a)
dan baris kedua.

## Data Kami {#data}

- satu
- dua
    - dua a
    - dua b
- tiga

### Rincian {: #rincian .catatan }

| A | B |
|---|---|
| 1 | 2 |
| 3 | 4 |
| 5 | 6 |

## Tanpa Jangkar

Teks *penutup*.
"""


@pytest.fixture(scope="module")
def doc():
    return parse_document(TEXT, "docs/id/contoh.md")


def test_tree_levels_titles_anchors(doc):
    root = doc.root
    assert root.level == 0 and [c.title for c in root.children] == ["Pemberitahuan Contoh"]
    h1 = root.children[0]
    assert [(s.level, s.title, s.anchor) for s in h1.children] == [(2, "Data Kami", "data"), (2, "Tanpa Jangkar", None)]
    assert [(s.level, s.title, s.anchor) for s in h1.children[0].children] == [(3, "Rincian", "rincian")]
    assert [s.title for s in doc.sections] == ["", "Pemberitahuan Contoh", "Data Kami", "Rincian", "Tanpa Jangkar"]


def test_line_numbers_are_file_lines_including_front_matter(doc):
    lines = TEXT.split("\n")
    for s in doc.sections[1:]:
        assert lines[s.line_start - 1].lstrip("#").strip().startswith(s.title)
    data, detail, last = doc.sections[2], doc.sections[3], doc.sections[4]
    assert (data.line_start, data.line_end, data.body_end) == (11, 26, 18)   # own content stops at ###
    assert (detail.line_start, detail.line_end) == (19, 26)
    assert (last.line_start, last.line_end) == (27, 29)
    assert doc.effective_line == 3 and str(doc.effective) == "2025-01-10"


def test_lists_count_items_with_their_lines(doc):
    data = doc.sections[2]
    assert data.list_items == [13, 14, 15, 16, 17]
    outer, inner = data.lists
    assert (outer.line, outer.items) == (13, (13, 14, 17))
    assert (inner.line, inner.items) == (15, (15, 16))
    assert outer.spans[1] == (14, 16)           # the second item holds the nested list


def test_tables_have_rows_and_columns(doc):
    (shape,) = doc.sections[3].table_shapes
    assert (shape.line, shape.rows, shape.cols, shape.row_lines) == (21, 3, 2, (23, 24, 25))
    assert doc.sections[2].table_shapes == []    # the table belongs to the sub-section


def test_runs_keep_lines_and_link_targets(doc):
    h1 = doc.sections[1]
    assert [(r.line, r.text, r.link) for r in h1.runs] == [
        (6, "Pemberitahuan Contoh", False),
        (8, "https://seruni.example/a", True),
        (8, "Pembuka dengan tautan", False),
        (9, "dan baris kedua.", False)]
    assert doc.sections[4].text == "Tanpa Jangkar\nTeks penutup."
    assert "{" not in doc.sections[3].text       # attribute lists are not text


def test_without_front_matter_lines_start_at_one():
    doc = parse_document("# Judul\n\nTeks.\n\n## Dua {#dua}\n", "x.md")
    assert [(s.title, s.line_start) for s in doc.sections[1:]] == [("Judul", 1), ("Dua", 5)]
    assert doc.effective is None and doc.effective_line is None


def test_setext_headings_and_code_blocks():
    doc = parse_document("Judul\n=====\n\n!!! note \"Catatan\"\n    Simpan 30 hari.\n", "x.md")
    h1 = doc.sections[1]
    assert (h1.level, h1.title, h1.line_start) == (1, "Judul", 1)
    assert any(r.line == 5 and "30 hari" in r.text for r in h1.runs)   # admonition body still read


def test_heading_attribute_lists():
    assert split_heading("Retensi Data {#retention}") == ("Retensi Data", "retention")
    assert split_heading("Retensi Data { #retention .x }") == ("Retensi Data", "retention")
    assert split_heading("Kelas saja {: .x }") == ("Kelas saja", None)
    assert split_heading("Harga {dalam rupiah}") == ("Harga {dalam rupiah}", None)   # not an attr list
    assert slugify("4. Retensi Data & Arsip") == "4-retensi-data-arsip"


def test_broken_front_matter_names_file_and_line():
    with pytest.raises(MaklumatError) as err:
        parse_document("---\ntitle: [unclosed\n---\n# X\n", "docs/en/bad.md")
    assert err.value.path == "docs/en/bad.md" and err.value.line == 2
    with pytest.raises(MaklumatError) as err:
        parse_document("---\neffective: soon\n---\n# X\n", "docs/en/bad.md")
    assert err.value.line == 2 and "YYYY-MM-DD" in err.value.message
