"""Change summaries per language (maklumat/summaries.py): each language reads its own
`Notice-Summary-<lang>:`; a missing one falls back visibly; only the new commit is refused."""
from __future__ import annotations

import datetime as dt

import pytest

from gitrepo import GitRepo
from maklumat.publish import render
from maklumat.errors import MaklumatError
from maklumat.history.notices import load_history
from maklumat.model import Settings

SETTINGS = Settings(site_url="https://privasi.example/", build_date=dt.date(2026, 1, 1), messages_lang="en")


def repo_with(tmp_path, *commits) -> GitRepo:
    repo = GitRepo.init(tmp_path / "repo")
    for i, trailers in enumerate(commits):
        for lang in ("id", "en"):
            repo.write(f"docs/{lang}/privacy.md", f"# Privasi\n\nTeks {lang} nomor {i}.\n")
        repo.commit(f"Privacy notice, change {i}", f"2025-01-0{i + 1}T10:00:00+07:00", trailers=trailers)
    return repo


def versions(repo, lang):
    return load_history(repo.path, SETTINGS).notices["privacy"].files[lang].versions


def test_each_language_reads_its_own_summary(tmp_path):
    repo = repo_with(tmp_path, ("Notice-Summary-id: Data disimpan 10 tahun.",
                                "Notice-Summary-en: Data is kept for 10 years."))
    (vid,), (ven,) = versions(repo, "id"), versions(repo, "en")
    assert (vid.summary, vid.summary_fallback) == ("Data disimpan 10 tahun.", False)
    assert (ven.summary, ven.summary_fallback) == ("Data is kept for 10 years.", False)


@pytest.mark.parametrize("lang, note", [("id", "ringkasan belum diterjemahkan"), ("en", None)])
def test_a_plain_summary_is_in_the_commit_language_and_marked_elsewhere(tmp_path, lang, note):
    repo = repo_with(tmp_path, ("Notice-Summary: Data is kept for 10 years.",))
    (v,) = versions(repo, lang)
    html = render.summary_html(render.Ctx(lang, SETTINGS, ""), v)
    if note is None:
        assert html == "Data is kept for 10 years."
    else:
        assert html.startswith('<span lang="en">Data is kept for 10 years.</span>') and note in html


def test_the_new_commit_needs_the_binding_languages_summary(tmp_path):
    repo = repo_with(tmp_path, ("Notice-Summary-en: Data is kept for 10 years.",))
    with pytest.raises(MaklumatError, match="Notice-Summary-id") as err:
        load_history(repo.path, SETTINGS)
    assert "binding language (id)" in err.value.message
    with pytest.raises(MaklumatError) as err:
        load_history(repo.path, Settings(site_url="https://privasi.example/", build_date=dt.date(2026, 1, 1),
                                         messages_lang="id"))
    assert err.value.message.startswith("commit ini memberi ringkasan per bahasa, tetapi tidak ada ringkasan "
                                        "dalam bahasa yang mengikat (id). Langkah berikutnya: tambahkan baris "
                                        "'Notice-Summary-id: …'")


def test_an_old_commit_without_it_is_only_a_note(tmp_path):
    repo = repo_with(tmp_path, ("Notice-Summary-en: Data is kept for 10 years.",),
                     ("Notice-Summary-id: Perbaikan.", "Notice-Summary-en: A fix."))
    history = load_history(repo.path, SETTINGS)
    assert [v.summary for v in history.notices["privacy"].files["id"].versions] == \
        ["Privacy notice, change 0", "Perbaikan."]
    assert not [n for n in history.notes if "Notice-Summary" in n]   # HEAD is complete


def test_a_missing_courtesy_summary_in_the_new_commit_is_a_note(tmp_path):
    repo = repo_with(tmp_path, ("Notice-Summary-id: Data disimpan 10 tahun.",))
    history = load_history(repo.path, SETTINGS)
    notes = [n for n in history.notes if "Notice-Summary-en" in n]
    assert len(notes) == 1 and notes[0].startswith("docs/en/privacy.md: note:")
    indonesian = load_history(repo.path, Settings(site_url="https://privasi.example/", build_date=dt.date(2026, 1, 1),
                                                  messages_lang="id")).notes
    assert [n for n in indonesian if "Notice-Summary-en" in n] == [
        "docs/en/privacy.md: catatan: versi " + notes[0].split("version ")[1].split(" ")[0]
        + " tidak punya baris 'Notice-Summary-en:'; pembaca bahasa ini melihat ringkasan commit itu sendiri (en)."]
