"""Editors' messages: in the configured language, with file:line and the next step; a strict build stops under -q."""
from __future__ import annotations

from pathlib import Path

import pytest

from sitebuild import build_cli, notice, site_repo
from test_cli_check import MKDOCS_YML, TEXTS, run_check
from gitrepo import GitRepo


def _site(tmp_path: Path, messages: str | None) -> GitRepo:
    repo = GitRepo.init(tmp_path / "site")
    yml = MKDOCS_YML.replace("      messages_language: en\n", "")
    if messages:
        yml += f"      messages_language: {messages}\n"
    repo.write("mkdocs.yml", yml)
    repo.write("docs/id/index.md", "# Beranda\n")
    repo.write("docs/en/index.md", "# Home\n")
    for lang, text in TEXTS.items():
        repo.write(f"docs/{lang}/privacy.md", text)
    repo.commit("Terbitkan pemberitahuan", "2025-01-06T10:00:00+07:00")
    repo.write("docs/id/privacy.md", TEXTS["id"].replace("30 (tiga puluh) hari", "14 (empat belas) hari"))
    repo.commit("Persingkat masa simpan", "2025-02-03T10:00:00+07:00")
    return repo


def test_indonesian_only_change_is_told_in_indonesian_with_the_next_step(tmp_path):
    repo = _site(tmp_path, None)   # default: the prevailing language (Indonesian)
    result = run_check(repo.path)
    assert result.returncode == 1
    out = result.stdout
    assert "docs/en/privacy.md:1: peringatan [lag-translation-pending] Terjemahan tertunda: teks bahasa Indonesia " \
           "diubah pada 2025-02-03" in out
    assert "Langkah berikutnya: lakukan perubahan yang sama pada teks bahasa Inggris ini lalu commit; bila " \
           "perubahan itu memang tidak perlu diterjemahkan, tambahkan baris 'Notice-Translation: not-needed'" in out
    assert "docs/en/privacy.md:35: kesalahan [number] Teks bahasa Inggris tidak sesuai dengan teks bahasa " \
           "Indonesia: Bagian '4. Data Retention' {#retention}: teks bahasa Indonesia menyebut 14 hari, teks " \
           "bahasa Inggris menyebut 30 hari. Langkah berikutnya: perbaiki teks bahasa Inggris pada baris ini" in out
    assert out.rstrip().endswith("Tidak ada yang diterbitkan sampai semuanya diperbaiki.")
    assert "masalah: terjemahan tidak sesuai (1) dan terjemahan tertunda (1)" in out


def test_the_same_in_english_when_the_site_says_so(tmp_path):
    repo = _site(tmp_path, "en")
    out = run_check(repo.path).stdout
    assert "docs/en/privacy.md:1: warning [lag-translation-pending] Translation pending: the Indonesian text " \
           "was changed on 2025-02-03" in out
    assert "Next: make the same change in this English text and commit it" in out
    assert "2 problems: translation does not match (1) and translation pending (1)." in out


def test_uncommitted_edits_are_described_as_such(tmp_path):
    repo = _site(tmp_path, "en")
    repo.write("docs/en/privacy.md", TEXTS["en"].replace("30 (thirty) days", "14 (fourteen) days"))
    out = run_check(repo.path).stdout
    assert "[uncommitted] Your edits to this English text are not committed yet" in out
    assert "Next: commit this file" in out
    assert "Translation pending" not in out


@pytest.mark.slow   # a MkDocs build
def test_quiet_strict_build_fails_on_a_parity_problem(tmp_path):
    repo = site_repo(tmp_path)
    repo.write("docs/en/privacy.md", notice("en").replace("phone number", "phone number and a@b.example"))
    repo.commit("English only", "2025-02-03T10:00:00+07:00", trailers=("Notice-Translation: not-needed",))
    quiet = build_cli(repo.path, args=("-q",))
    assert quiet.code == 1, quiet.output
    assert "Dihentikan dalam mode ketat: 1 masalah: terjemahan tidak sesuai (1)." in quiet.output
    assert "Traceback" not in quiet.output
    assert build_cli(repo.path, strict=False, args=("-q",)).code == 0   # not strict: published with warnings


def test_a_messages_language_without_catalog_is_refused(tmp_path):
    repo = _site(tmp_path, "fr")
    done = run_check(repo.path)
    assert done.returncode == 2 and "messages_language: fr" in done.stderr and "Traceback" not in done.stderr
