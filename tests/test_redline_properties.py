"""Property: the redline is lossless. Old words + insertions - deletions give the new
text's words, and new words - insertions + deletions give the old text's words;
invisible edits give no marks."""
from __future__ import annotations

import re
from collections import Counter

from bs4 import BeautifulSoup
from examples import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maklumat.markdown.blockparse import parse
from maklumat.redline.compare import redline

WORDS = ["data", "pribadi", "kami", "Anda", "layanan", "Seruni", "menyimpan", "tahun", "privacy", "notice",
         "we", "keep", "your", "email", "address", "hak", "akses", "dan", "atau", "yang", "3", "2025"]
PUNCT = [",", ".", ";", ":", "(", ")", "—", "\u201c", "\u201d"]
ANCHORS = ["retention", "rights", "contact", "security", "cookies"]

word = st.sampled_from(WORDS)
inline = st.one_of(
    word, word, word, st.sampled_from(PUNCT),
    word.map(lambda w: f"**{w}**"), word.map(lambda w: f"*{w}*"), word.map(lambda w: f"`{w}`"),
    st.tuples(word, st.sampled_from(["a", "b", "c"])).map(lambda t: f"[{t[0]}](https://seruni.example/{t[1]})"),
)
sentence = st.lists(inline, min_size=1, max_size=12).map(" ".join)
block = st.one_of(
    sentence.map(lambda s: ("p", [s])),
    st.lists(sentence, min_size=1, max_size=5).map(lambda items: ("ul", items)),
    st.lists(st.tuples(sentence, sentence), min_size=1, max_size=4).map(lambda rows: ("table", rows)),
)
section = st.tuples(st.sampled_from([2, 2, 3]), st.lists(word, min_size=1, max_size=3).map(" ".join),
                    st.one_of(st.none(), st.sampled_from(ANCHORS)), st.lists(block, max_size=4))
document = st.tuples(st.lists(block, max_size=2), st.lists(section, max_size=6))


def render(doc) -> str:
    intro, sections = doc
    out = ["---", "title: t", "---", "# Pemberitahuan", ""]
    used: set[str] = set()
    for b in intro:
        out += render_block(b)
    for level, title, anchor, blocks in sections:
        attr = f" {{#{anchor}}}" if anchor and anchor not in used else ""
        used.add(anchor)
        out += ["#" * level + " " + title + attr, ""]
        for b in blocks:
            out += render_block(b)
    return "\n".join(out) + "\n"


def render_block(b) -> list[str]:
    kind, content = b
    if kind == "p":
        return [content[0], ""]
    if kind == "ul":
        return [f"- {item}" for item in content] + [""]
    rows = ["| A | B |", "|---|---|"] + [f"| {x} | {y} |" for x, y in content]
    return rows + [""]


@st.composite
def edited(draw, doc):
    """A plausible next version: sections dropped, added, moved; blocks and words edited."""
    intro, sections = doc
    sections = list(sections)
    for _ in range(draw(st.integers(0, 4))):
        op = draw(st.sampled_from(["drop", "add", "move", "edit", "edit", "edit"]))
        if op == "add" or not sections:
            sections.insert(draw(st.integers(0, len(sections))), draw(section))
            continue
        i = draw(st.integers(0, len(sections) - 1))
        if op == "drop":
            sections.pop(i)
        elif op == "move":
            sections.insert(draw(st.integers(0, len(sections) - 1)), sections.pop(i))
        else:
            level, title, anchor, blocks = sections[i]
            blocks = list(blocks)
            if blocks and draw(st.booleans()):
                j = draw(st.integers(0, len(blocks) - 1))
                blocks[j] = draw(st.one_of(block, st.just(edit_words(blocks[j], draw))))
            else:
                blocks.insert(draw(st.integers(0, len(blocks))), draw(block))
            if draw(st.booleans()):
                title = draw(st.lists(word, min_size=1, max_size=3).map(" ".join))
            sections[i] = (level, title, anchor, blocks)
    return (intro, sections)


def edit_words(b, draw):
    kind, content = b
    if kind == "table":
        return (kind, [(draw(sentence), y) for x, y in content])
    items = list(content)
    k = draw(st.integers(0, len(items) - 1))
    ws = items[k].split(" ")
    ws.insert(draw(st.integers(0, len(ws))), draw(inline))
    items[k] = " ".join(ws)
    if kind == "ul" and len(items) > 1 and draw(st.booleans()):
        items.append(items.pop(0))   # reorder
    return (kind, items)


def keys(words) -> list:
    return [w.key for w in words]


def shown_text(html: str, drop: str) -> str:
    s = BeautifulSoup(html, "html.parser")
    for el in s.select(f"{drop}, .mk-sr, .mk-note"):
        el.decompose()
    return "".join(s.get_text().split())


@st.composite
def pairs(draw):
    old = draw(document)
    return render(old), render(draw(edited(old)))


def redline_new_words(r) -> list:
    """The new text's words as the redline shows them (all but deletions)."""
    return [w for it in r.items if it.kind not in ("removed", "stub")
            for c in it.changes() for _, _, ops in c.leaf_ops() for op, w in ops if op != "-"]


def redline_old_words(r) -> list:
    """The old text's words recovered from the redline (all but insertions), in old order."""
    leaves = []
    for it in r.items:
        if it.kind != "stub":
            for c in it.changes():
                leaves.extend((o.seq, [w for op, w in ops if op != "+"])
                              for o, _, ops in c.leaf_ops() if o is not None)
    return [w for _, ws in sorted(leaves, key=lambda x: x[0]) for w in ws]


@settings(max_examples=examples(50, 150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pairs())
def test_redline_is_lossless(pair):
    old_text, new_text = pair
    r = redline(old_text, new_text)
    old_words, new_words = parse(old_text).words(), parse(new_text).words()
    # New text = old + insertions - deletions, word for word and in order; and the reverse.
    assert keys(redline_new_words(r)) == keys(new_words)
    assert keys(redline_old_words(r)) == keys(old_words)
    count = lambda ws: sum(w.is_word for w in ws)   # noqa: E731
    assert count(old_words) + r.words_inserted - r.words_deleted == count(new_words)
    assert sum(c.words_inserted for c in r.summary) == r.words_inserted
    assert sum(c.words_deleted for c in r.summary) == r.words_deleted
    # The same holds for what a reader sees in the HTML.
    html = r.html("id")
    assert shown_text(html, "del, .mk-moved-from") == "".join(w.text for w in new_words if w.text != "\n")
    assert Counter(shown_text(html, "ins, .mk-moved-from")) == Counter("".join(w.text for w in old_words))
    # No change, no marks.
    if keys(old_words) == keys(new_words) and old_text == new_text:
        assert not r.summary and "<ins" not in html and "<del" not in html


@settings(max_examples=examples(25, 60), deadline=None)
@given(document, st.sampled_from(["\r\n", "\n"]), st.booleans(), st.booleans())
def test_invisible_edits_give_no_marks(doc, newline, bom, nbsp):
    text = render(doc)
    variant = re.sub(r"(?<=\w) (?=\w)", "\u00a0", text, count=1) if nbsp else text
    variant = ("\ufeff" if bom else "") + variant.replace("\n", newline).replace("\n\n", "\n\n\n")
    r = redline(text, variant)
    assert r.summary == [] and r.words_inserted == r.words_deleted == 0
    assert "<ins" not in r.html("en") and "<del" not in r.html("en")
