"""The trap corpus: Markdown where CommonMark (markdown-it-py) and the site's renderer
(Python-Markdown with the site's extensions) disagree, or might.

- golden: each trap's fingerprint, the outline and shapes parity reads, and the visible
  HTML (tests/fixtures/markdown/traps.md; `make goldens` rewrites it: read the diff);
- differential: wherever markdown-it-py is still used (sections.py: heading outline,
  anchors, file lines, the values parity compares; shapes after reconciling), it agrees
  with the renderer, over the corpus and over generated documents.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from golden import FIXTURES, read_cases
from maklumat.markdown import rendering
from maklumat.markdown import visible
from maklumat.markdown.blocks import HEADINGS
from maklumat.markdown.frontmatter import FrontMatter
from maklumat.markdown.htmlblocks import read_html
from maklumat.parity.invariants import extract
from maklumat.parity.sections import Run, parse_document
from maklumat.parity.shapes import rendered_sections

TRAPS = FIXTURES / "markdown" / "traps.md"
CASES = read_cases(TRAPS, 2)
WORD = re.compile(r"\w+")


def fingerprint(body: str) -> str:
    return visible.fingerprint(FrontMatter(meta={}, body=body, body_line=1, effective=None, title=""))


def outline_mit(body: str) -> list[tuple[int, list[str], str, int]]:
    doc = parse_document(body, "docs/id/trap.md")
    return [(s.level, WORD.findall(s.title), s.slug, s.line_start) for s in doc.sections[1:]]


def outline_rendered(body: str) -> list[tuple[int, list[str], str]]:
    return [(int(n.tag[1]), WORD.findall(n.text()), n.attr("id"))
            for n in read_html(rendering.render(body)) if n.tag in HEADINGS]


def rendered_runs(nodes) -> list[Run]:
    runs = []
    for node in nodes:
        for leaf in node.leaves():
            runs.append(Run(1, leaf.text()))
            runs.extend(Run(1, h, link=True) for h in dict.fromkeys(w.href for w in leaf.words if w.href))
    return runs


def values(invariants) -> Counter:
    return Counter((i.kind, i.value) for i in invariants)


def assert_agree(body: str) -> None:
    """markdown-it's uses agree with the renderer on `body`."""
    mit, ren = outline_mit(body), outline_rendered(body)
    assert [(lvl, words, slug) for lvl, words, slug, _ in mit] == ren, "heading outline or anchors differ"
    lines = body.split("\n")
    for _, words, _, line in mit:   # file lines point at the heading's text
        assert not words or words[0] in lines[line - 1], (line, words)
    doc = parse_document(body, "docs/id/trap.md")
    seen = rendered_sections(body)
    assert [[(x.ordered, len(x.items)) for x in s.lists] for s in doc.sections] == [list(s.lists) for s in seen]
    assert [[(x.rows, x.cols) for x in s.table_shapes] for s in doc.sections] == [list(s.tables) for s in seen]
    mit_values = values(extract([r for s in doc.sections for r in s.runs], "id"))
    assert mit_values == values(extract(rendered_runs(read_html(rendering.render(body))), "id")), \
        "parity would compare other numbers, dates or links than the reader sees"


def describe(body: str) -> str:
    """What the golden file pins for one trap."""
    doc = parse_document(body, "docs/id/trap.md")
    out = [f"fingerprint {fingerprint(body)[:16]}"]
    for s in doc.sections:
        shapes = [("ol" if x.ordered else "ul") + f"({len(x.items)}@{x.line})" for x in s.lists]
        shapes += [f"table({x.rows}x{x.cols}@{x.line})" for x in s.table_shapes]
        head = f"h{s.level} #{s.slug} line {s.line_start}" if s.level else "root"
        out.append(f"{head}: {' '.join(shapes) or '-'}")
    html = visible.visible_html(body)
    out.extend(line for line in re.sub(r"(<(?:/p|/h\d|/li|/dt|/dd|/tr|/table|/div|/ul|/ol|/pre|hr /)>)", r"\1\n",
                                       html).split("\n") if line)
    return "\n".join(out) + "\n"


def test_corpus_is_whole():
    assert len(CASES) >= 40
    titles = " ".join(c.title for c in CASES)
    for trap in ("directly under a paragraph", "indented by 2", "indented by 3", "indented by 4", "lazy",
                 "attribute list", "hard break", "html block", "definition list", "admonition",
                 "escaped pipes", "setext", "entities", "quotes"):
        assert trap in titles, trap


@pytest.mark.golden
@pytest.mark.parametrize("case", CASES, ids=[c.title for c in CASES])
def test_trap_golden(case, golden):
    golden.check(TRAPS, case, describe(case.inputs[0]))


@pytest.mark.parametrize("case", CASES, ids=[c.title for c in CASES])
def test_markdown_it_agrees_with_the_renderer(case):
    assert_agree(case.inputs[0])


PIECES = [c.inputs[0] for c in CASES] + ["# Judul\n", "## Bagian Satu\n", "### Rincian {#rincian}\n",
                                         "Teks biasa dengan 30 hari.\n", "Hubungi privasi@seruni.example.\n"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=6), st.sampled_from(["\n", ""]))
def test_generated_documents_agree(pieces, gap):
    assert_agree(("\n" + gap).join(pieces))
