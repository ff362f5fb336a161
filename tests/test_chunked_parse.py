"""Rendering is cached by text and done by one reused Python-Markdown instance: a cached or
reused render must give exactly what a fresh renderer gives the same text alone, whatever
was rendered before (no heading ids, reference links or state carried over)."""
from __future__ import annotations

from pathlib import Path

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maklumat import rendering
from maklumat.model import DEFAULT_MARKDOWN

ROOT = Path(__file__).resolve().parent.parent


def fresh(body: str) -> str:
    md = markdown.Markdown(extensions=list(DEFAULT_MARKDOWN.extensions),
                           extension_configs=DEFAULT_MARKDOWN.option_dict())
    return md.convert(body)


PIECES = ["## Kontak\n", "## Kontak {#kontak}\n", "Lihat [formulir][f].\n", "[f]: https://seruni.example/f\n",
          "- satu\n- dua\n", "Teks\n- bukan daftar\n", "| a | b |\n|---|---|\n| 1 | 2 |\n",
          "!!! note \"Catatan\"\n    Isi.\n", "Istilah\n:   Definisi.\n", "```\nkode\n```\n"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(PIECES), min_size=1, max_size=6), min_size=2, max_size=4))
def test_reused_renderer_matches_a_fresh_one(texts):
    for parts in texts:
        body = "\n".join(parts)
        assert rendering.render(body, DEFAULT_MARKDOWN) == fresh(body)


def test_heading_ids_do_not_leak_between_texts():
    rendering.render("## Kontak\n", DEFAULT_MARKDOWN)
    assert 'id="kontak"' in rendering.render("## Kontak\n\nTeks.\n", DEFAULT_MARKDOWN)


def test_sample_notices_render_as_a_fresh_renderer_does():
    paths = sorted((ROOT / "docs").glob("*/*.md"))
    assert paths
    for path in paths:
        body = path.read_text("utf-8")
        assert rendering.render(body, DEFAULT_MARKDOWN) == fresh(body), path
