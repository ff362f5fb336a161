"""Every error an editor sees is worded by the catalog in the messages language (issue 14.2):
no engine module raises an English sentence of its own, and each converted message reads
the same facts in Indonesian and in English."""
from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest

from maklumat import buildinfo
from maklumat.errors import MaklumatError
from maklumat.history import worktree
from maklumat.markdown import active_content, frontmatter
from maklumat.model import Settings
from maklumat.publish import reserved
from maklumat.settings import make_settings

ENGINE = Path(__file__).resolve().parent.parent / "maklumat"
LITERAL = re.compile(r"MaklumatError\(\s*f?[\"']")
# Still worded in English in the module itself (commands an editor runs less often):
# listed so that converting one shrinks the list and a new English sentence elsewhere fails.
REMAINING = {"catalog.py", "mkdocs/plugin.py"}


def test_no_engine_error_is_a_bare_english_sentence():
    found = {p.relative_to(ENGINE).as_posix() for p in ENGINE.rglob("*.py") if LITERAL.search(p.read_text("utf-8"))}
    assert found == REMAINING


def _error(call, *args, **kwargs) -> MaklumatError:
    with pytest.raises(MaklumatError) as err:
        call(*args, **kwargs)
    return err.value


def test_front_matter_errors_keep_their_facts_in_both_languages():
    text = "---\ntitle: Privasi\neffective: 10/01/2025\n---\n# Privasi\n"
    err = _error(frontmatter.parse, text, "docs/id/privacy.md")
    assert (err.path, err.line) == ("docs/id/privacy.md", 3)
    assert err.message == "'effective: 10/01/2025' is not a valid date; write it as YYYY-MM-DD, e.g. effective: 2025-01-10"
    assert err.worded("id").message == ("'effective: 10/01/2025' bukan tanggal yang sah. Langkah berikutnya: tulis "
                                        "tanggal sebagai TTTT-BB-HH, misalnya effective: 2025-01-10.")
    assert str(err) == "docs/id/privacy.md:3: " + err.message
    unclosed = _error(frontmatter.parse, "---\ntitle: x\n# Privasi\n", "docs/en/privacy.md").worded("id")
    assert (unclosed.line, unclosed.message.split(".")[0]) == (1, "front matter dimulai dengan '---' tetapi tidak ada baris penutup '---'")
    assert "byte 1" in _error(frontmatter.clean_text, b"a\xff", "x.md").message
    assert "(byte 1)" in _error(frontmatter.clean_text, b"a\xff", "x.md").worded("id").message


def test_active_content_names_what_it_found_in_both_languages():
    err = _error(active_content.check, '<p onclick="x()">Hai</p>', 'Hai\n\n<p onclick="x()">Hai</p>', "docs/id/a.md", 5)
    assert err.line == 7
    assert err.message.startswith("this notice contains an event handler (onclick=). A published notice is text")
    assert err.worded("id").message.startswith("pemberitahuan ini berisi penangan peristiwa (event handler, onclick=). "
                                               "Pemberitahuan yang diterbitkan hanya berisi teks")
    assert "Langkah berikutnya: hapus bagian itu" in err.message   # worded() rewords in place


def test_source_date_epoch_in_both_languages():
    err = _error(buildinfo.build_date, "Asia/Jakarta", {"SOURCE_DATE_EPOCH": "besok"})
    assert err.message.startswith("SOURCE_DATE_EPOCH='besok' is not a whole number of seconds since 1970-01-01")
    assert err.worded("id").message.startswith("SOURCE_DATE_EPOCH='besok' bukan bilangan bulat detik sejak 1970-01-01")


def test_settings_errors_speak_the_messages_language_else_the_prevailing_one():
    id_ = _error(make_settings, languages=["id", "en"], timezone="Asia/Jakrta", where="mkdocs.yml")
    assert str(id_) == ("mkdocs.yml: opsi Maklumat 'timezone: Asia/Jakrta' bukan zona waktu yang dikenal. "
                        "Langkah berikutnya: tulis nama seperti Asia/Jakarta.")
    en = _error(make_settings, languages=["id", "en"], timezone="Asia/Jakrta", messages_language="en")
    assert en.message == "the Maklumat option 'timezone: Asia/Jakrta' is not a known time zone (write a name like Asia/Jakarta)"
    unknown = _error(make_settings, languages=["id", "en"], messages_language="fr")   # falls back to the prevailing
    assert unknown.message.startswith("opsi Maklumat 'messages_language: fr' tidak punya katalog pesan")
    assert "harus 0 hari atau lebih" in _error(make_settings, languages=["id"], notice_days=-1).message


@pytest.mark.parametrize("lang, words", [("en", "is a symbolic link (to ../id/privacy.md)"),
                                         ("id", "adalah tautan simbolis (ke ../id/privacy.md)")])
def test_a_symlink_in_both_languages(tmp_path, lang, words):
    (tmp_path / "docs/id").mkdir(parents=True)
    (tmp_path / "docs/en").mkdir()
    (tmp_path / "docs/id/privacy.md").write_text("# Privasi\n", "utf-8")
    os.symlink("../id/privacy.md", tmp_path / "docs/en/privacy.md")
    err = _error(worktree.check_tree, tmp_path, Settings(messages_lang=lang))
    assert err.path == "docs/en/privacy.md" and err.message.startswith(words)


@pytest.mark.parametrize("lang, words", [
    ("en", "this name is reserved for the site's own pages: it would take the URL /privacy/versions/, "
           "where the site publishes every notice's version history and archived versions."),
    ("id", "nama ini dipakai oleh halaman situs sendiri: file ini akan mengambil URL /privacy/versions/, tempat "
           "situs menerbitkan riwayat versi dan versi arsip setiap pemberitahuan. Langkah berikutnya:")])
def test_a_reserved_name_in_both_languages(lang, words):
    assert reserved.reason("privacy/versions.md", "id", Settings(messages_lang=lang)).startswith(words)


def test_build_date_unchanged_by_wording():
    assert make_settings(languages=["id"], timezone="UTC").build_date <= dt.date.today() + dt.timedelta(days=1)
