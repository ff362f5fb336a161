"""Parsing piece by piece (blockparse.chunks) is only a speed-up: it must give exactly the
nodes, and the fingerprint exactly the HTML, that parsing the whole text gives."""
from __future__ import annotations

import hashlib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maklumat import blockparse, visible
from maklumat.frontmatter import FrontMatter

ROOT = Path(__file__).resolve().parent.parent


def shape(nodes) -> list:
    """Everything a node carries that the redline reads, recursively."""
    return [(n.tag, n.key, n.seq, n.tight, n.attrs, shape(n.children)) for n in nodes]


def whole_nodes(text: str) -> list:
    return shape(blockparse._build(blockparse._md.parse(text))[0])


def whole_fingerprint(body: str) -> str:
    html = visible._squash(visible._md.render(body)).strip()
    return hashlib.sha256(f"{{}}\n{html}".encode()).hexdigest()


def check(text: str) -> None:
    text = blockparse.normalise(text)
    assert shape(blockparse._nodes(text)) == whole_nodes(text)
    assert visible.fingerprint(FrontMatter(meta={}, body=text, body_line=1, effective=None, title="")) == whole_fingerprint(text)


# Blocks that end or continue one another in the awkward ways: lazy continuation,
# loose and tight lists, ordered lists starting anywhere, indented code, quotes,
# tables, setext headings, thematic breaks, HTML, admonitions.
BLOCKS = [
    "Data **pribadi** Anda kami simpan.", "A paragraph\nwrapped over lines.", "## Retensi {#retention}",
    "### Sub", "- satu\n- dua", "- a\n\n- loose", "1. first\n2. second", "3) three", "* star",
    "+ plus", "    indented code", "> quoted\nlazy line", "| a | b |\n|---|---|\n| 1 | 2 |",
    "Title\n=====", "Sub\n---", "---", "***", "<div>html</div>", "<!-- note -->",
    "!!! note \"Catatan\"\n    Isi catatan.", "  two-space indent", "\tTab", "Line  \nhard break",
    "[ref]: https://seruni.example", "see [ref]", "```\ncode\n\nmore\n```", "Term\n: definition",
    "- item\n\n  continued paragraph", "10. ten", "- [x] task", "\\- escaped", "# H1",
]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(BLOCKS), st.sampled_from(["\n\n", "\n", "\n\n\n"])), max_size=12))
def test_pieces_parse_as_the_whole(parts):
    check("".join(block + gap for block, gap in parts))


def test_sample_notices_parse_the_same_in_pieces():
    texts = sorted((ROOT / "docs").rglob("*.md"))
    assert len(texts) >= 6
    for path in texts:
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        assert len(blockparse.chunks(body)) > 1, path   # the fast path is really taken
        check(body)


def test_texts_that_cannot_be_cut_stay_whole():
    assert blockparse.chunks("a\n\n[x]: https://seruni.example\n\nb") == ["a\n\n[x]: https://seruni.example\n\nb"]
    assert blockparse.chunks("```\na\n\nb\n```\n\nc") == ["```\na\n\nb\n```\n\nc"]
    assert len(blockparse.chunks("a\n\nb\n\nc")) == 3
