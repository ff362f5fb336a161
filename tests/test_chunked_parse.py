"""Rendering is cached by piece of text (rendering.pieces) and done by one reused
Python-Markdown instance: joined, the pieces' HTML must be exactly what a fresh renderer
makes of the whole text, whatever was rendered before (no heading ids, reference links
or other state carried over)."""
from __future__ import annotations

from pathlib import Path

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from examples import examples
from golden import FIXTURES, read_cases
from maklumat.markdown import blockparse
from maklumat.markdown import rendering
from maklumat.markdown.htmlblocks import read_html
from maklumat.model import DEFAULT_MARKDOWN, MarkdownConfig

ROOT = Path(__file__).resolve().parent.parent
TRAPS = [c.inputs[0] for c in read_cases(FIXTURES / "markdown" / "traps.md", 2)]


def fresh(body: str, config: MarkdownConfig = DEFAULT_MARKDOWN) -> str:
    md = markdown.Markdown(extensions=list(config.extensions), extension_configs=config.option_dict())
    return md.convert(body)


def shape(nodes) -> list:
    return [(n.tag, n.key, n.seq, n.tight, n.attrs, shape(n.children)) for n in nodes]


HEADINGS = ["# Judul\n", "## Kontak\n", "## Kontak {#kontak}\n", "## Kontak {#lain}\n", "## Lain\n",
            "## Data\n", "## Dátá\n", "### Data-data\n", "## Kontak 1\n", "## kontak_1\n", "## Rincian {: #rincian .x }\n"]
PIECES = TRAPS + HEADINGS + ["Lihat [formulir][f].\n", "[f]: https://seruni.example/f\n", "    kode\n",
                             "- satu\n", "  lanjutan\n", "    indentasi\n", ":   definisi\n"]


def check(body: str, config: MarkdownConfig = DEFAULT_MARKDOWN) -> None:
    assert rendering.render(body, config) == fresh(body, config)
    parts = rendering.render_pieces(body, config)
    whole = shape(read_html(fresh(body, config)))
    assert shape(blockparse._piece_nodes(parts)) == whole


@settings(max_examples=examples(100, 300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=8), st.sampled_from(["\n", "", "\n\n"]))
def test_pieces_render_as_the_whole(parts, gap):
    check(("\n" + gap).join(parts))


def test_heading_ids_do_not_leak_between_texts():
    rendering.render("## Kontak\n", DEFAULT_MARKDOWN)
    assert 'id="kontak"' in rendering.render("## Kontak\n\nTeks.\n", DEFAULT_MARKDOWN)


def test_sample_notices_render_as_a_whole_and_are_cut():
    paths = sorted((ROOT / "docs").glob("*/*.md"))
    assert paths
    for path in paths:
        body = path.read_text("utf-8").split("---\n", 2)[-1]
        check(body)
        if path.stem != "index":
            assert len(rendering.pieces(body, DEFAULT_MARKDOWN)) > 3, path   # the fast path is taken


def test_texts_that_cannot_be_cut_stay_whole():
    for body in ("a\n\n# B\n\n[x]: https://seruni.example\n", "```\na\n\n# b\n```\n\n# c\n",
                 "# Kontak\n\na\n\n# Kontak\n", "# A {#b}\n\nx\n\n# B\n", "<div>\n\n# x\n\n</div>\n",
                 "!!! note\n    ## Kontak\n\n# Kontak\n", "Judul\n===\n\n# Judul\n"):
        assert rendering.pieces(body, DEFAULT_MARKDOWN) == [body], body
    assert len(rendering.pieces("a\n\n# B\n\nc\n\n## D\n", DEFAULT_MARKDOWN)) == 3
    footnotes = MarkdownConfig.of(DEFAULT_MARKDOWN.extensions + ("footnotes",))
    assert rendering.pieces("a\n\n# B\n\nc\n", footnotes) == ["a\n\n# B\n\nc\n"]   # unknown extension: whole
