"""The redline on its own: two Markdown texts in, marked-up new text out."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from maklumat.markdown.blockparse import parse
from maklumat.redline.compare import redline
from maklumat.redline.words import strings
from tools import vnu_errors

NO_CHANGES = strings("id")["no_changes"]


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def marked(html: str, tag: str) -> list[str]:
    """Texts inside <ins> or <del>, without the screen-reader labels."""
    out = []
    for el in soup(html).find_all(tag):
        for sr in el.select(".mk-sr"):
            sr.decompose()
        out.append(" ".join(el.get_text().split()))
    return out


def new_text(html: str) -> str:
    """What the redline shows as the new text: all but deletions and notes."""
    s = soup(html)
    for el in s.select("del, .mk-sr, .mk-note"):
        el.decompose()
    return " ".join(s.get_text().split())


NOTICE_ID = """\
---
effective: 2025-01-01
---
# Pemberitahuan Privasi Seruni

PT Seruni Data Nusantara ("Seruni") menjelaskan cara kami mengelola data pribadi Anda.

## Data yang Kami Kumpulkan {#collected}

Kami mengumpulkan nama, alamat surel, dan nomor telepon Anda.

- nama lengkap
- alamat surel
- nomor telepon
- alamat rumah

## Penyimpanan Data {#retention}

Kami menyimpan data Anda selama lima tahun setelah akun ditutup.

| Jenis data | Lama simpan |
|---|---|
| Profil | 5 tahun |
| Log akses | 1 tahun |
| Tiket dukungan | 2 tahun |

## Hak Anda {#rights}

Anda berhak meminta salinan data Anda melalui [formulir kami](https://seruni.example/formulir).

### Cara Mengajukan

Kirim surel ke privasi@seruni.example.

## Kontak

Hubungi Petugas Pelindungan Data kami.
"""


def test_indonesian_prose_is_marked_word_by_word():
    old = "Kami menyimpan data Anda selama lima tahun setelah akun ditutup.\n"
    new = "Kami menyimpan data pribadi Anda selama tiga tahun setelah akun Anda ditutup.\n"
    r = redline(old, new)
    html = r.html("id")
    assert marked(html, "ins") == ["pribadi", "tiga", "Anda"]
    assert marked(html, "del") == ["lima"]
    assert (r.words_inserted, r.words_deleted) == (3, 1)
    assert new_text(html) == "Kami menyimpan data pribadi Anda selama tiga tahun setelah akun Anda ditutup."


def test_english_prose_and_no_character_level_marks():
    old = "We share your email address with our payment processor.\n"
    new = "We share your email address and phone number with our payment processors.\n"
    html = redline(old, new).html("en")
    assert marked(html, "ins") == ["and phone number", "processors"]
    assert marked(html, "del") == ["processor"]   # the whole word, not just an added "s"


def test_screen_reader_labels_follow_the_page_language():
    r = redline("Satu dua.\n", "Satu tiga.\n")
    for lang, ins, dele in (("id", "[disisipkan: ", "[dihapus: "), ("en", "[inserted: ", "[deleted: ")):
        s = soup(r.html(lang))
        assert s.select_one("ins.mk-ins > .mk-sr").get_text() == ins
        assert s.select_one("del.mk-del > .mk-sr").get_text() == dele
        assert s.select("ins.mk-ins > .mk-sr")[-1].get_text() == "]"


def test_list_items_added_removed_and_reordered():
    old = "- nama\n- surel\n- telepon\n- alamat rumah\n"
    new = "- alamat rumah\n- nama\n- surel\n- tanggal lahir\n"
    r = redline(old, new)
    s = soup(r.html("id"))
    assert len(s.find_all("ul")) == 1   # one list, changes marked on its items
    items = s.find_all("li")
    classes = [" ".join(li.get("class", [])) for li in items]
    texts = [" ".join(li.get_text(" ").split()) for li in items]
    assert "mk-moved" in classes[0] and "alamat rumah" in texts[0]
    assert "mk-block-del" in classes[3] and marked(str(items[3]), "del") == ["telepon"]
    assert "mk-block-ins" in classes[4] and marked(str(items[4]), "ins") == ["tanggal lahir"]
    assert (r.words_inserted, r.words_deleted) == (2, 1)   # a move adds and deletes nothing


def test_table_cells_rows_and_header():
    old = "| Jenis | Lama |\n|---|---|\n| Profil | 5 tahun |\n| Log | 1 tahun |\n| Tiket | 2 tahun |\n"
    new = "| Jenis | Lama |\n|---|---|\n| Profil | 3 tahun |\n| Tiket | 2 tahun |\n| Cadangan | 30 hari |\n"
    s = soup(redline(old, new).html("id"))
    table = s.find("table")
    assert [th.get_text() for th in table.select("thead th")] == ["Jenis", "Lama"]
    rows = table.select("tbody tr")
    assert [" ".join(r.get("class", [])) for r in rows] == ["", "mk-block-del", "", "mk-block-ins"]
    assert marked(str(rows[0]), "del") == ["5"] and marked(str(rows[0]), "ins") == ["3"]
    assert all(td.find("del") for td in rows[1].find_all("td"))
    assert all(td.find("ins") for td in rows[3].find_all("td"))


def test_heading_renamed_keeps_its_anchor():
    old = "## Retensi Data {#retention}\n\nLima tahun.\n"
    new = "## Penyimpanan Data {#retention}\n\nLima tahun.\n"
    r = redline(old, new)
    assert [(c.kind, c.anchor) for c in r.summary] == [("changed", "retention")]
    h2 = soup(r.html("id")).find("h2")
    assert h2["id"] == "retention"
    assert marked(str(h2), "ins") == ["Penyimpanan"] and marked(str(h2), "del") == ["Retensi"]


def test_heading_renamed_without_anchor_is_paired_by_content():
    body = "Anda berhak meminta salinan, perbaikan, dan penghapusan data pribadi Anda.\n"
    r = redline("## Hak Anda\n\n" + body, "## Hak-hak Anda\n\n" + body)
    assert [(c.kind, c.anchor, c.title) for c in r.summary] == [("changed", "hak-hak-anda", "Hak-hak Anda")]
    assert soup(r.html("id")).find("h2")["id"] == "hak-hak-anda"


def test_section_moved_with_an_edit_inside():
    kontak = "## Kontak\n\nHubungi Petugas Pelindungan Data kami.\n"
    new = NOTICE_ID[: NOTICE_ID.index("## Kontak")].rstrip() + "\n"
    new = new.replace("## Penyimpanan Data {#retention}",
                      kontak.replace("kami.", "kami melalui surel.") + "\n## Penyimpanan Data {#retention}")
    r = redline(NOTICE_ID, new)
    assert [(c.kind, c.anchor, c.title) for c in r.summary] == [("moved", "kontak", "Kontak")]
    s = soup(r.html("id"))
    heading = s.find(id="kontak")
    moved = heading.find_parent(class_="mk-moved")
    assert moved is not None and heading.find_next("h2")["id"] == "retention"
    stub = s.select_one(".mk-moved-from")
    assert stub["id"] == "mk-from-kontak" and stub.find("a")["href"] == "#kontak"
    assert stub.find_previous("h3")["id"] == "cara-mengajukan"   # where it was: at the end
    assert moved.select_one(".mk-moved-note a")["href"] == "#mk-from-kontak"
    assert not s.find("del")   # moved, not deleted and inserted
    assert marked(str(moved), "ins") == ["melalui surel"]
    assert r.summary[0].words_inserted == 2 and r.summary[0].words_deleted == 0


def test_section_moved_and_edited_is_marked_moved_with_inner_changes():
    """Of two sections that swapped places, the smaller one is marked as moved."""
    old = ("## A {#a}\n\nSatu dua tiga empat lima.\n\n## B {#b}\n\nEnam tujuh delapan sembilan sepuluh.\n\n"
           "## C {#c}\n\nSepuluh sebelas dua belas.\n")
    new = ("## A {#a}\n\nSatu dua tiga empat lima.\n\n## C {#c}\n\nSepuluh sebelas tiga belas.\n\n"
           "## B {#b}\n\nEnam tujuh delapan sembilan sepuluh.\n")
    r = redline(old, new)
    assert [(c.kind, c.anchor, c.words_inserted, c.words_deleted) for c in r.summary] == [
        ("moved", "c", 1, 1)]
    s = soup(r.html("id"))
    assert marked(str(s.find(class_="mk-moved")), "ins") == ["tiga"]
    assert s.select_one(".mk-moved-from")["id"] == "mk-from-c"


def test_changed_link_target_is_a_change_even_with_the_same_text():
    old = "Lihat [kebijakan kami](https://seruni.example/a) di sini.\n"
    new = "Lihat [kebijakan kami](https://seruni.example/b) di sini.\n"
    r = redline(old, new)
    s = soup(r.html("id"))
    assert s.select_one("del a")["href"] == "https://seruni.example/a"
    assert s.select_one("ins a")["href"] == "https://seruni.example/b"
    assert r.summary and r.summary[0].kind == "changed"


@pytest.mark.parametrize("variant", [
    lambda t: t.replace("\n", "\r\n"),                                    # CRLF
    lambda t: "\ufeff" + t,                                               # BOM
    lambda t: t.replace("mengelola data", "mengelola\u00a0data"),         # NBSP for a space
    lambda t: t.replace("cara kami mengelola", "cara kami\nmengelola"),   # re-flowed line
    lambda t: t.replace("nomor telepon Anda.", "nomor   telepon Anda.  "),  # extra spaces
    lambda t: t.replace("\n\n", "\n\n\n"),                                # extra blank lines
    lambda t: t.replace("effective: 2025-01-01", "effective: 2026-01-01"),  # front matter only
    lambda t: t.replace("[formulir kami](https://seruni.example/formulir)",
                        "[formulir kami][f]") + "\n[f]: https://seruni.example/formulir\n",
])
def test_invisible_changes_produce_no_marks(variant):
    new = variant(NOTICE_ID)
    assert new != NOTICE_ID
    r = redline(NOTICE_ID, new)
    html = r.html("id")
    assert r.summary == [] and (r.words_inserted, r.words_deleted) == (0, 0)
    assert "<ins" not in html and "<del" not in html and "mk-block" not in html
    gfm = r.markdown("id")
    assert gfm.splitlines()[0] == f"*{NO_CHANGES}*", gfm   # says so in words, not just italics
    assert "<ins>" not in gfm and "<del>" not in gfm, gfm


def test_straight_and_curly_quotes_differ():
    """No smartypants: the reader sees a different character, so it is a change."""
    r = redline('Disebut "Seruni".\n', "Disebut \u201cSeruni\u201d.\n")
    assert marked(r.html("id"), "ins") == ["\u201c", "\u201d"]
    assert r.summary[0].kind == "changed"


def test_whole_new_and_withdrawn_texts():
    added = redline("", NOTICE_ID)
    assert {c.kind for c in added.summary} == {"added"} and added.words_deleted == 0
    assert added.words_inserted == len([w for w in parse(NOTICE_ID).words() if w.is_word])
    gone = redline(NOTICE_ID, "")
    s = soup(gone.html("id"))
    assert {c.kind for c in gone.summary} == {"removed"} and not s.find("ins")
    assert all(h["id"].startswith("mk-del-") for h in s.find_all(["h1", "h2", "h3"]))


def test_ids_are_unique_and_summary_links_resolve():
    new = (NOTICE_ID.replace("## Kontak", "## Kontak Kami")
           .replace("Hubungi Petugas", "Silakan hubungi Petugas")
           .replace("## Hak Anda {#rights}", "## Keamanan {#security}\n\nKami mengenkripsi data.\n\n## Hak Anda {#rights}")
           .replace(NOTICE_ID[NOTICE_ID.index("## Penyimpanan"):NOTICE_ID.index("## Hak Anda")],
                    "## Mk Del Retention\n\nTeks baru.\n\n"))
    r = redline(NOTICE_ID, new)
    for prefix in ("", "v2-"):
        s = soup(r.summary_html("id", prefix) + r.html("id", prefix))
        ids = [el["id"] for el in s.find_all(id=True)]
        assert len(ids) == len(set(ids)) and all(i.startswith(prefix) for i in ids)
        links = [a["href"][1:] for a in s.select(".mk-redline-summary a")]
        assert links and all(link in ids for link in links)
    assert {c.kind for c in r.summary} >= {"added", "removed", "changed"}


def test_everything_is_escaped():
    old = "# Biaya\n\nTeks.\n"
    new = ('# Biaya & \\<Tarif\\>\n\nTeks <script>alert(1)</script> <span onclick="alert(2)">alert(3)</span> '
           '[x](https://a.example/?q="y"&z=1).\n')
    html = redline(old, new).html("en")
    # A script is not text a reader reads (the page runs it); other inline HTML shows its text only.
    assert "<script" not in html and "alert(1)" not in html and "onclick" not in html and "alert(3)" in html
    assert "Biaya &amp; \\&lt;Tarif&gt;" in html   # Python-Markdown shows the backslash before "<"
    assert 'href="https://a.example/?q=&quot;y&quot;&amp;z=1"' in html


def test_gfm_output():
    new = NOTICE_ID.replace("lima tahun", "tiga tahun").replace("| Log akses | 1 tahun |\n", "")
    md = redline(NOTICE_ID, new).markdown("id")
    assert "## Penyimpanan Data" in md
    assert "<del>lima</del> <ins>tiga</ins>" in md
    assert "| <del>Log akses</del> | <del>1 tahun</del> |" in md
    assert "## Data yang Kami Kumpulkan" not in md and "…" in md   # unchanged sections left out
    full = redline(NOTICE_ID, new).markdown("id", only_changed=False)
    assert "- nama lengkap" in full and "## Data yang Kami Kumpulkan" in full


def test_gfm_escapes_markdown_in_text():
    md = redline("Teks.\n", "Teks *penting* dan \\*bintang\\* | pipa.\n").markdown("id")
    assert "*penting*" in md and "\\*bintang\\*" in md and "\\|" in md


def test_redline_is_pure():
    """No MkDocs, no git: importing and running it loads neither."""
    code = ("import sys; from maklumat.redline.compare import redline; redline('a', 'b').html('id');"
            "bad = [m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'git', 'material')]; print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=Path(__file__).parents[1], check=True)
    assert out.stdout.strip() == "[]"


RICH = """\
# Judul

!!! note "Catatan"
    Isi catatan **penting** dengan `kode`.

1. satu
2. dua
    - anak satu
    - anak dua

Istilah
:   Definisi istilah.

> Kutipan satu.

```
kode  baris satu
  baris dua
```

---

Baris dengan  
jeda dan ![logo Seruni](logo.png).
"""


@pytest.mark.slow   # starts Java
def test_valid_html5(tmp_path):
    """The Nu validator accepts the fragments (embedded in a page, as the site does)."""
    rich_new = (RICH.replace("**penting**", "**sangat penting**").replace("2. dua", "2. dua belas")
                .replace("    - anak dua\n", "    - anak dua\n    - anak tiga\n")
                .replace("baris dua", "baris tiga").replace("Kutipan satu", "Kutipan dua"))
    pairs = [(NOTICE_ID, NOTICE_ID.replace("lima", "tiga").replace("## Kontak", "## Hubungi")),
             ("", NOTICE_ID), (NOTICE_ID, ""), (RICH, rich_new), (rich_new, RICH), ("", RICH), (RICH, "")]
    body = []
    for n, (a, b) in enumerate(pairs):
        r = redline(a, b)
        body.append(f"<section>{r.summary_html('id', f'p{n}-')}{r.html('id', f'p{n}-')}</section>")
    head = '<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>t</title></head>'
    page = tmp_path / "page.html"
    page.write_text(f"{head}<body><article>{''.join(body)}</article></body></html>", encoding="utf-8")
    # Checked in the same run, so the validator is seen to read and report: a broken page.
    broken = tmp_path / "broken.html"
    broken.write_text(f"{head}<body><ins><p>blok di dalam ins</p></ins><p><div></p></body></html>", encoding="utf-8")
    messages = vnu_errors(page, broken)
    assert messages and all(m["url"].endswith("/broken.html") for m in messages), messages[:5]


def test_rich_blocks_render_in_place():
    new = RICH.replace("**penting**", "**sangat penting**").replace("baris dua", "baris tiga")
    s = soup(redline(RICH, new).html("id"))
    adm = s.select_one("div.admonition.note")
    assert adm.select_one("p.admonition-title").get_text() == "Catatan"
    assert marked(str(adm), "ins") == ["sangat"] and adm.find("ins").find("strong")
    items = s.select("ol > li")
    assert [li.find(string=True, recursive=False).strip() for li in items] == ["satu", "dua"]
    assert [li.get_text() for li in items[1].select(":scope > ul > li")] == ["anak satu", "anak dua"], \
        "the nested list must stay inside the second item"
    assert s.find("dl").find("dt").get_text() == "Istilah"
    pre = s.find("pre")
    assert "kode  baris satu\n  baris" in pre.get_text() and marked(str(pre), "ins") == ["tiga"]
    assert s.find("img")["alt"] == "logo Seruni" and s.find("br")
