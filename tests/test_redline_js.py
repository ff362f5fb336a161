"""compare.js in a real browser: two archived versions (rendered by Python-Markdown with
the site's extensions, as MkDocs does) compared on a version-history page. It must
agree with the Python redline, stay same-origin, and pass axe."""
from __future__ import annotations

import json
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

import tools
from maklumat.redline.compare import redline
from maklumat.redline.words import script_tag, strings
from test_redline import NOTICE_ID, marked

pytestmark = pytest.mark.slow   # a browser: `pytest -m "not slow"` leaves these out
ROOT = Path(__file__).resolve().parents[1]
ASSETS = ROOT / "maklumat" / "assets"
MATERIAL_CSS = Path(__import__("material").__file__).parent / "templates" / "assets" / "stylesheets"
ORIGIN = "http://mk.test"
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"

HISTORY = """<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>Riwayat versi</title>
<link rel="stylesheet" href="/material/main.css"><link rel="stylesheet" href="/material/palette.css">
<link rel="stylesheet" href="/assets/redline.css"></head>
<body data-md-color-scheme="default" data-md-color-primary="indigo" data-md-color-accent="indigo"><main class="md-main"><article class="md-content__inner md-typeset">
<h1>Riwayat versi</h1>
<form class="mk-compare" data-mk-compare data-mk-result="mk-compare-result" hidden>
<label for="mk-old">Versi lama</label><select id="mk-old" name="old">{options}</select>
<label for="mk-new">Versi baru</label><select id="mk-new" name="new">{options}</select>
<button type="submit">Bandingkan</button></form>
<div id="mk-compare-result" class="mk-compare-result" tabindex="-1"></div>{strings}
</article></main><script src="/assets/compare.js"></script></body></html>"""


def archived(md_text: str, lang: str) -> str:
    """An archived version page as MkDocs + Material lay it out (edit button, ¶ links)."""
    md = markdown.Markdown(extensions=["attr_list", "def_list", "tables", "admonition", "toc"],
                           extension_configs={"toc": {"permalink": True}})
    body = md.convert(md_text.split("---\n", 2)[-1] if md_text.startswith("---") else md_text)
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>v</title></head><body>'
            '<article class="md-content__inner md-typeset"><a class="md-content__button" href="#">Edit</a>'
            f"{body}</article></body></html>")


EDITED = (NOTICE_ID.replace("lima tahun", "tiga tahun").replace("| Log akses | 1 tahun |\n", "")
          .replace("- nomor telepon\n", "").replace("- nama lengkap\n", "- nama lengkap\n- tanggal lahir\n")
          .replace("https://seruni.example/formulir", "https://seruni.example/formulir-baru")
          .replace("## Data yang Kami Kumpulkan {#collected}", "## Data yang Dikumpulkan {#collected}")
          .replace("### Cara Mengajukan\n\nKirim surel ke privasi@seruni.example.\n", "")
          .replace("## Kontak\n\nHubungi Petugas Pelindungan Data kami.\n", "")
          .replace("## Penyimpanan Data {#retention}",
                   "## Kontak\n\nHubungi Petugas Pelindungan Data kami melalui surel.\n\n"
                   "## Keamanan\n\nKami mengenkripsi semua data.\n\n## Penyimpanan Data {#retention}"))


def compare(browser, old: str, new: str, lang: str = "id", options: dict | None = None, pick=None):
    """Open the history page, compare the two versions; returns (page, requests, errors)."""
    pages = {"/privacy/versions/aaaaaaaaaaaa/": archived(old, lang), "/privacy/versions/bbbbbbbbbbbb/": archived(new, lang)}
    opts = options or {url: f"Versi {url.split('/')[3][:4]}" for url in pages}
    pages["/privacy/versions/"] = HISTORY.format(
        lang=lang, strings=script_tag(lang), options="".join(f'<option value="{u}">{label}</option>' for u, label in opts.items()))
    requests, errors = [], []
    page = browser.new_page()

    def serve(route):
        url = route.request.url
        requests.append(url)
        path = url[len(ORIGIN):] if url.startswith(ORIGIN) else None
        if path and path.startswith("/material/"):   # Material's own palettes, light and dark
            css = next(MATERIAL_CSS.glob(path[len("/material/"):-len("css")] + "*.min.css"))
            route.fulfill(body=css.read_text(encoding="utf-8"), content_type="text/css")
        elif path and path.startswith("/assets/"):
            kind = "text/css" if path.endswith(".css") else "text/javascript"
            route.fulfill(body=(ASSETS / path[len("/assets/"):]).read_text(encoding="utf-8"), content_type=kind)
        elif path in pages:
            route.fulfill(body=pages[path], content_type="text/html; charset=utf-8")
        else:
            route.fulfill(status=404, body="not here")

    page.route("**/*", serve)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{ORIGIN}/privacy/versions/")
    old_url, new_url = pick or list(opts)[:2]
    page.select_option("#mk-old", old_url)
    page.select_option("#mk-new", new_url)
    page.click("button[type=submit]")
    return page, requests, errors


def result_soup(page) -> BeautifulSoup:
    page.wait_for_selector("#mk-compare-result .mk-redline", timeout=10000)
    return BeautifulSoup(page.inner_html("#mk-compare-result"), "html.parser")


def test_agrees_with_the_python_redline(browser):
    page, requests, errors = compare(browser, NOTICE_ID, EDITED)
    s = result_soup(page)
    py = redline(NOTICE_ID, EDITED)
    js_html = str(s.select_one(".mk-redline"))
    for tag in ("ins", "del"):
        assert marked(js_html, tag) == marked(py.html("id"), tag)
    items = s.select(".mk-redline-summary li")
    labels = {"changed": "Diubah", "moved": "Dipindahkan", "added": "Ditambahkan", "removed": "Dihapus"}
    assert [li.get_text() for li in items] == [
        f"{labels[c.kind]}: {c.title} ({c.words_inserted} kata disisipkan, {c.words_deleted} kata dihapus)"
        for c in py.summary]
    assert errors == []
    assert all(url.startswith(ORIGIN + "/") for url in requests)   # nothing leaves the site
    page.close()


def test_result_is_the_new_text_with_marks(browser):
    page, _, _ = compare(browser, NOTICE_ID, EDITED)
    s = result_soup(page)
    ids = [el["id"] for el in BeautifulSoup(page.content(), "html.parser").find_all(id=True)]
    assert len(ids) == len(set(ids))
    assert all(a["href"][1:] in ids for a in s.select(".mk-redline-summary a"))
    body = s.select_one(".mk-redline")
    assert body.select_one("tr.mk-block-del") and body.select_one("li.mk-block-del")
    assert body.select_one("h2.mk-moved") and body.select_one(".mk-moved-from a")["href"] == "#mkc-kontak"
    assert body.select_one("del a")["href"] == "https://seruni.example/formulir"
    assert body.select_one("ins a")["href"] == "https://seruni.example/formulir-baru"
    for el in body.select("del, .mk-sr, .mk-note, .headerlink"):
        el.decompose()
    expected = BeautifulSoup(archived(EDITED, "id"), "html.parser").article
    for el in expected.select(".headerlink, .md-content__button"):
        el.decompose()
    assert "".join(body.get_text().split()) == "".join(expected.get_text().split())
    page.close()


def test_valid_and_accessible_in_both_colour_schemes(browser, tmp_path):
    page, _, _ = compare(browser, NOTICE_ID, EDITED)
    result_soup(page)
    assert page.evaluate("document.activeElement.id") == "mk-compare-result"
    html = tmp_path / "compared.html"   # the page with the redline in it is valid HTML5
    html.write_text(page.content(), encoding="utf-8")
    assert tools.vnu_errors(html) == []
    page.add_script_tag(path=str(tools.axe()))
    # Material fades colours in: end transitions at once rather than wait, so axe measures
    # the final colours of each palette.
    page.add_style_tag(content=NO_TRANSITIONS)
    backgrounds = set()
    for scheme in ("default", "slate"):   # Material's light and dark palettes
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        backgrounds.add(page.evaluate("getComputedStyle(document.body).backgroundColor"))
        violations = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
        assert [v["id"] for v in violations] == [], [(v["id"], [n["html"] for n in v["nodes"]]) for v in violations]
    assert len(backgrounds) == 2, f"the palettes did not change the page's colours: {backgrounds}"
    # Marks do not rely on colour: underline and line-through, visible in print too.
    page.emulate_media(media="print")
    ins = page.evaluate("getComputedStyle(document.querySelector('ins.mk-ins')).textDecorationLine")
    dele = page.evaluate("getComputedStyle(document.querySelector('del.mk-del')).textDecorationLine")
    sr = page.evaluate("getComputedStyle(document.querySelector('.mk-sr')).clipPath")
    assert ins == "underline" and dele == "line-through" and sr == "inset(50%)"
    page.close()


def test_english_labels_and_unchanged_versions(browser):
    page, _, _ = compare(browser, "# Notice\n\nWe keep data.\n", "# Notice\n\nWe keep little data.\n", lang="en")
    s = result_soup(page)
    assert s.select_one("ins .mk-sr").get_text() == "[inserted: "
    assert marked(str(s), "ins") == ["little"]
    page.close()
    page, _, _ = compare(browser, "# Notice\n\nSame.\n", "# Notice\n\nSame.\n", lang="en")
    assert result_soup(page).select_one(".mk-redline-summary").get_text() == "No visible changes."
    page.close()


def test_refuses_other_origins_and_equal_choices(browser):
    options = {"/privacy/versions/aaaaaaaaaaaa/": "A", "https://elsewhere.example/x/": "B"}
    page, requests, _ = compare(browser, NOTICE_ID, EDITED, options=options)
    page.wait_for_function("document.querySelector('.mk-compare-status').textContent.length > 0")
    assert "cross-origin" in page.inner_text(".mk-compare-status")
    assert not any("elsewhere" in url for url in requests)
    page.select_option("#mk-new", "/privacy/versions/aaaaaaaaaaaa/")
    page.click("button[type=submit]")
    assert page.inner_text(".mk-compare-status") == strings("id")["same_version"]
    page.close()


def test_strings_come_from_the_catalog(browser):
    """compare.js holds no words of its own: it reads the page's JSON, which is the catalog's."""
    source = (ASSETS / "compare.js").read_text(encoding="utf-8")
    for lang in ("id", "en"):
        for key, text in strings(lang).items():
            if " " in text:   # phrases; single words like "moved" are also code identifiers
                for literal in (json.dumps(text), json.dumps(text, ensure_ascii=False), repr(text)):
                    assert literal not in source, (lang, key)
    page, _, _ = compare(browser, "# A\n\nB.\n", "# A\n\nC.\n", lang="en")
    assert page.evaluate("MaklumatCompare.strings()") == strings("en")
    result_soup(page)
    assert page.inner_text(".mk-compare-heading").startswith("Comparing ")
    page.close()


def test_a_page_without_words_keeps_the_form_hidden(browser):
    page = browser.new_page()
    page.route("**/*", lambda route: route.fulfill(
        body=HISTORY.format(lang="id", strings="", options="<option>a</option>")
        if route.request.url.endswith("/h/") else (ASSETS / "compare.js").read_text(encoding="utf-8"),
        content_type="text/html" if route.request.url.endswith("/h/") else "text/javascript"))
    page.goto(f"{ORIGIN}/h/")
    page.wait_for_function("window.MaklumatCompare !== undefined")
    assert page.get_attribute("form.mk-compare", "hidden") is not None
    page.close()


def test_agrees_on_a_marked_space(browser):
    """A space removed before a link: both mark the space, neither marks the link."""
    new = NOTICE_ID.replace(" [formulir kami]", "[formulir kami]")
    assert new != NOTICE_ID
    page, _, errors = compare(browser, NOTICE_ID, new)
    js = result_soup(page).select_one(".mk-redline")
    py = BeautifulSoup(redline(NOTICE_ID, new).html("id"), "html.parser")
    for soup in (js, py):
        spaces = soup.select("del.mk-space")
        assert len(spaces) == 1 and spaces[0].get_text() == "[dihapus:  ]"
        assert not soup.select("ins") and not soup.select("del a")
    assert errors == []
    page.close()
