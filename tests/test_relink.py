"""An archived version's relative links, re-aimed two folders deeper: the fast path for
texts without reference definitions gives what the full pattern gives."""
from maklumat.publish.jobs import _LINK, relink

BODIES = [
    "See [cookies](cookies.md#retention), [home](/), [mail](mailto:a@b.example), [top](#top).",
    "[a](<legal/terms.md>) and [b]( other.md ) and ![logo](img/logo.png) [c](https://x.example/y)",
    "Text ](bare.md) and [x](a](b.md) nested, [e]()\n",
    "[ref]: cookies.md\n   [r2]: <terms.md>\n[abs]: /x.md\n[ext]: https://a.example\n[z](z.md)",
]


def test_relink_fast_path_matches_the_full_pattern():
    full = [_LINK.sub(lambda m: m.group(1) + "../../" + m.group(2), b) for b in BODIES]
    assert [relink(b, "../../") for b in BODIES] == full
    assert "../../cookies.md#retention" in full[0] and "(/)" in full[0] and "mailto:a@b" in full[0]
    assert "../../cookies.md" in full[3] and "../../terms.md" in full[3] and "]: /x.md" in full[3]
