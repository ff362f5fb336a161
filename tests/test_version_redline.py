"""A commit is a version exactly when its redline shows a mark: version ⇔ non-empty redline.

Over a fixed corpus of edits (every trap of tests/fixtures/markdown/traps.md fixed or
broken, spacing around links, link targets, anchor ids, and the invisible edits), over
random sequences of them (hypothesis), and over a generated git history read by
load_history, whose every version must have a "what changed" with at least one mark.
"""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gitrepo import GitRepo
from maklumat.markdown import visible
from maklumat.markdown.frontmatter import FrontMatter
from maklumat.history.notices import load_history
from maklumat.model import Settings
from maklumat.redline.compare import redline

BASE = """\
# Kebijakan Privasi

Kami mengumpulkan:
- nama
- surel

## Retensi {#retention}

Lihat [formulir](https://seruni.example/f) kami. Data disimpan
selama 5 tahun.

- data
  - nama
  - surel
- log

1. Langkah pertama.

  Penjelasan langkah.

2. Langkah kedua.

| Data | Lama |
|---|---|
| log | 1 tahun |

!!! note "Penting"
    Simpan selama 5 tahun.

Pengendali
:   PT Seruni Data Nusantara (Kaf\u00e9 Seruni).
"""

# name -> (edit, visible to a reader?)
EDITS = {
    "blank line before list": (lambda t: t.replace("mengumpulkan:\n-", "mengumpulkan:\n\n-"), True),
    "nested 2 -> 4 spaces": (lambda t: t.replace("  - nama\n  - surel", "    - nama\n    - surel"), True),
    "nested 2 -> 3 spaces": (lambda t: t.replace("  - nama\n  - surel", "   - nama\n   - surel"), False),
    "indent 2 -> 4 under item": (lambda t: t.replace("\n  Penjelasan", "\n    Penjelasan"), True),
    "indent 2 -> 0 under item": (lambda t: t.replace("\n  Penjelasan", "\nPenjelasan"), False),
    "space removed before link": (lambda t: t.replace("Lihat [formulir]", "Lihat[formulir]"), True),
    "space added after link": (lambda t: t.replace(") kami", ")  kami"), False),
    "link target": (lambda t: t.replace("seruni.example/f", "seruni.example/g"), True),
    "anchor id": (lambda t: t.replace("{#retention}", "{#simpan}"), True),
    "anchor written with colon": (lambda t: t.replace("{#retention}", "{: #retention }"), False),
    "word": (lambda t: t.replace("5 tahun.\n\n-", "6 tahun.\n\n-"), True),
    "rewrap": (lambda t: t.replace("Data disimpan\nselama", "Data disimpan selama"), False),
    "trailing space": (lambda t: t.replace("kami. Data", "kami.  Data"), False),
    "hard break": (lambda t: t.replace("disimpan\nselama", "disimpan  \nselama"), True),
    "crlf": (lambda t: t.replace("\n", "\r\n"), False),
    "nbsp": (lambda t: t.replace("5 tahun.\n\n-", "5\u00a0tahun.\n\n-"), False),
    "blank line runs": (lambda t: t.replace("\n\n", "\n\n\n"), False),
    "zero-width space": (lambda t: t.replace("Retensi {", "Reten\u200bsi {"), False),
    "accent written decomposed (NFD)": (lambda t: t.replace("Kaf\u00e9", "Kafe\u0301"), False),
    "table cell": (lambda t: t.replace("| 1 tahun |", "| 2 tahun |"), True),
    "table under a list item": (lambda t: t.replace("Langkah kedua.\n\n|", "Langkah kedua.\n|"), True),
    "admonition title": (lambda t: t.replace('"Penting"', '"Catatan"'), True),
    "admonition type only": (lambda t: t.replace("!!! note", "!!! tip"), True),   # class changes the look
    "definition": (lambda t: t.replace(":   PT", ":   PT. "), True),
    "attr list on paragraph": (lambda t: t.replace("selama 5 tahun.\n", "selama 5 tahun.\n{: .catatan }\n", 1), True),
    "emphasis spelling": (lambda t: t.replace("Langkah pertama.", "*Langkah* pertama.").replace(
        "*Langkah* pertama.", "_Langkah_ pertama."), True),
}


def fp(text: str) -> str:
    return visible.fingerprint(FrontMatter(meta={}, body=text, body_line=1, effective=None, title=""))


def marks(old: str, new: str) -> bool:
    r = redline(old, new)
    html = r.html("id")
    return r.changed and ("<ins" in html or "<del" in html)


@pytest.mark.parametrize("name", sorted(EDITS))
def test_edit_is_a_version_iff_the_redline_marks_it(name):
    edit, shown = EDITS[name]
    new = edit(BASE)
    assert new != BASE, "the edit must apply"
    assert (fp(BASE) != fp(new)) is shown, "fingerprint"
    assert marks(BASE, new) is shown, "redline"


def test_space_between_sentence_and_link_is_a_marked_space():
    r = redline("Lihat kalimat[formulir](https://seruni.example/f).\n", "Lihat kalimat [formulir](https://seruni.example/f).\n")
    html = r.html("id")
    assert r.changed and re.search(r'kalimat<ins class="mk-ins mk-space"><span class="mk-sr">[^<]*</span> <span', html)
    assert "<del" not in html   # the link itself is not shown as deleted and inserted
    r = redline("Lihat kalimat [formulir](https://seruni.example/f).\n", "Lihat kalimat[formulir](https://seruni.example/f).\n")
    assert re.search(r'kalimat<del class="mk-del mk-space"><span class="mk-sr">[^<]*</span> <span', r.html("id"))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(sorted(EDITS)), min_size=1, max_size=5), st.lists(st.sampled_from(sorted(EDITS)), max_size=3))
def test_random_edit_sequences(first, second):
    old, new = BASE, BASE
    for name in first:
        old = EDITS[name][0](old)
    new = old
    for name in second:
        new = EDITS[name][0](new)
    assert (fp(old) != fp(new)) == marks(old, new)


def test_generated_history_every_version_has_a_marked_redline(tmp_path):
    repo = GitRepo.init(tmp_path / "repo")
    path = "docs/id/privacy.md"
    text = BASE
    repo.write(path, text)
    commits = [repo.commit("Terbit", "2025-01-01T10:00:00+07:00")]
    for n, name in enumerate(sorted(EDITS)):
        text = EDITS[name][0](text)
        repo.write(path, text)
        commits.append(repo.commit(name, f"2025-02-{n + 1:02d}T10:00:00+07:00"))
    history = load_history(repo.path, Settings(languages=("id",), prevailing="id", root_lang="id"))
    versions = history.notices["privacy"].files["id"].versions
    assert len(versions) > 5
    for old, new in zip(versions, versions[1:]):
        assert marks(history.text(old), history.text(new)), new.summary
    texts = [repo.blob_bytes(c, path).decode() for c in commits]
    published = {v.commit for v in versions}
    for before, after, commit in zip(texts, texts[1:], commits[1:]):
        assert (commit in published) == (fp(before) != fp(after)) == marks(before, after)


# --- golden redlines: HTML and GFM of old/new pairs, the traps included -----------------

from golden import FIXTURES, read_cases  # noqa: E402

REDLINES = FIXTURES / "markdown" / "redlines.md"
PAIRS = read_cases(REDLINES, 3)


@pytest.mark.golden
@pytest.mark.parametrize("case", PAIRS, ids=[c.title for c in PAIRS])
def test_redline_golden(case, golden):
    old, new = case.inputs
    r = redline(old, new)
    version = fp(old) != fp(new)
    assert version == marks(old, new) and version == ("(same page)" not in case.title)
    golden.check(REDLINES, case, f"version: {'yes' if version else 'no'}\n{r.html('en')}\n--- gfm\n{r.markdown('en')}")
