"""The site's words: every catalog holds every message of the template, with the same
placeholders, no empty or fuzzy entry; a third language is a third catalog."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from maklumat import catalog
from maklumat.publish import feeds_text, strings
from maklumat.redline import words as i18n_strings
from maklumat.errors import MaklumatError

PLACEHOLDER = re.compile(r"\{(\w*)\}")


def _template():
    with (catalog.LOCALE_DIR / "maklumat.pot").open("rb") as fh:
        return read_po(fh)


def _fields(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


@pytest.mark.parametrize("lang", catalog.languages())
def test_every_catalog_is_complete_and_consistent(lang):
    check_catalog(lang)


def check_catalog(lang):
    template, cat = _template(), catalog.read_catalog(lang)
    assert {m.id for m in template if m.id} == {m.id for m in cat if m.id}
    english = catalog.read_catalog("en")
    for m in cat:
        if not m.id:
            continue
        assert not m.fuzzy, (lang, m.id)
        forms = m.string if isinstance(m.string, tuple) else (m.string,)
        assert len(forms) == cat.num_plurals if isinstance(m.id, tuple) else len(forms) == 1
        reference = english[m.id].string
        reference = reference[-1] if isinstance(reference, tuple) else reference
        for form in forms:
            assert form.strip(), (lang, m.id)
            assert _fields(form) == _fields(reference), (lang, m.id, form)


def test_the_shipped_languages():
    assert catalog.languages() == ("en", "id")


def test_withdrawn_is_one_word_in_each_language():
    """One fact, one word: pages, feeds and redlines say 'dicabut' / 'withdrawn'."""
    page = strings.t("id", "withdrawn", date="1 Mei 2025")
    feed = feeds_text.phrase("id", "title_withdrawn", title="Privasi", date="1 Mei 2025")
    redline = i18n_strings.strings("id")["withdrawn"]
    for text in (page, feed, redline):
        assert "dicabut" in text and "ditarik" not in text and "telah" not in text
    assert feeds_text.phrase("id", "withdrawn_text", date="1 Mei 2025") == page
    assert "withdrawn" in strings.t("en", "withdrawn", date="x")
    assert "withdrawn" in i18n_strings.strings("en")["withdrawn"]
    assert feeds_text.phrase("en", "moved") == i18n_strings.strings("en")["kind_moved"]


def test_plural_forms_follow_the_language():
    assert feeds_text.words_phrase("en", 1, 2) == "1 word inserted, 2 words deleted"
    assert feeds_text.words_phrase("id", 1, 2) == "1 kata disisipkan, 2 kata dihapus"
    assert feeds_text.words_phrase("en", 0, 0) == ""


def test_overrides_win_per_language():
    overrides = catalog.check_overrides({"home": {"en": "Back home"}})
    assert strings.t("en", "home", overrides) == "Back home"
    assert strings.t("id", "home", overrides) == strings.t("id", "home")


@pytest.mark.parametrize("overrides, says", [
    ({"hme": {"en": "x"}}, "'hme' is not one of the page words"),
    ({"redline_loading": {"en": "x"}}, "'redline_loading' is not one of the page words"),
    ({"home": "Back home"}, "'home' must give its text per language"),
    (["home"], "must map a word's key"),
])
def test_overrides_are_checked(overrides, says):
    with pytest.raises(MaklumatError, match=says) as e:
        catalog.check_overrides(overrides)
    assert e.value.path == "mkdocs.yml"


def test_the_script_tag_cannot_close_itself(monkeypatch):
    monkeypatch.setattr(i18n_strings, "strings", lambda lang: {"error": "</script><b>&"})
    tag = i18n_strings.script_tag("en")
    assert tag.count("</script>") == 1 and "<b>" not in tag
    assert json.loads(tag[tag.index(">") + 1:-len("</script>")]) == {"error": "</script><b>&"}


def test_a_third_language_is_a_third_catalog(tmp_path, monkeypatch):
    """Copy the template, translate it: pages, feeds and redlines speak the new language."""
    locale = tmp_path / "locale"
    shutil.copytree(catalog.LOCALE_DIR, locale)
    text = (locale / "maklumat.pot").read_text(encoding="utf-8")
    text = text.replace('"Content-Transfer-Encoding: 8bit\\n"\n', '"Content-Transfer-Encoding: 8bit\\n"\n'
                        '"Language: fr\\n"\n"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n', 1)
    english = catalog.read_catalog("en")
    out, msgid = [], None
    for line in text.splitlines():   # fill each msgstr with "FR " + the English words
        if line.startswith("msgid "):
            msgid = line[len('msgid "'):-1]
        if msgid and line.startswith(("msgstr ", "msgstr[")):
            forms = english[msgid].string
            n = int(line[len("msgstr["):line.index("]")]) if line.startswith("msgstr[") else None
            word = forms[n] if n is not None else forms
            line = line.split('"', 1)[0] + '"FR ' + word.replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n') + '"'
        out.append(line)
    (locale / "fr" / "LC_MESSAGES").mkdir(parents=True)
    (locale / "fr" / "LC_MESSAGES" / "maklumat.po").write_text("\n".join(out) + "\n", encoding="utf-8")
    monkeypatch.setattr(catalog, "LOCALE_DIR", locale)
    catalog._compiled.cache_clear()
    try:
        assert catalog.languages() == ("en", "fr", "id")
        assert strings.t("fr", "home") == "FR Go to the home page"
        assert feeds_text.words_phrase("fr", 1, 0) == "FR 1 word inserted"
        assert i18n_strings.strings("fr")["loading"].startswith("FR ")
        check_catalog("fr")
    finally:
        catalog._compiled.cache_clear()


def test_a_language_without_a_catalog():
    assert strings.t("de", "home") == strings.t("en", "home")   # pages fall back to English
    with pytest.raises(MaklumatError, match="no words for language 'de'"):
        feeds_text.phrase("de", "subtitle")                        # feeds never do


def test_a_broken_catalog_names_its_file(tmp_path, monkeypatch):
    (tmp_path / "xx" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "xx" / "LC_MESSAGES" / "maklumat.po").write_text('msgid "a"\nmsgstr "b\n', encoding="utf-8")
    monkeypatch.setattr(catalog, "LOCALE_DIR", tmp_path)
    catalog._compiled.cache_clear()
    try:
        with pytest.raises(MaklumatError) as e:
            strings.t("xx", "home")
        assert "maklumat.po" in str(e.value)
    finally:
        catalog._compiled.cache_clear()


@pytest.mark.parametrize("prevailing, lang, expected", [
    ("id", "en", "The Indonesian text is the binding text. This English translation is provided for convenience."),
    ("en", "id", "Teks dalam bahasa Inggris adalah teks yang mengikat. "
                 "Terjemahan dalam bahasa Indonesia ini disediakan untuk kemudahan."),
])
def test_the_prevailing_language_is_named_not_assumed(prevailing, lang, expected):
    from maklumat.publish import render
    from maklumat.model import Settings
    c = render.Ctx(lang, Settings(languages=("id", "en"), prevailing=prevailing, root_lang="id"), "privacy/")
    html = render.prevails_statement(c, "privacy/")
    assert expected in html
    link = "Read the Indonesian text" if prevailing == "id" else "Baca teks dalam bahasa Inggris"
    assert link in html
