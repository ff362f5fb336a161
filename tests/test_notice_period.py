"""The notice period (`notice_days`): a material change published too late before its effective date stops the build."""
from __future__ import annotations

import pytest

from sitebuild import build_cli, notice, prepare, site_repo
from test_cli_check import run_check


def _site(tmp_path, days=30):
    repo = site_repo(tmp_path)   # first published 2025-01-03: a first publication needs no notice
    yml = (repo.path / "mkdocs.yml").read_text("utf-8").replace("notice_days: 0", f"notice_days: {days}")
    yml = yml.replace("      # messages_language: en", "      messages_language: en")
    repo.write("mkdocs.yml", yml)
    repo.commit("Pengaturan", "2025-01-04T10:00:00+07:00")
    return repo


def _change(repo, effective: str, date="2025-02-01T10:00:00+07:00", trailers=()):
    for lang in ("id", "en"):
        text = notice(lang, f"effective: {effective}\n")
        repo.write(f"docs/{lang}/privacy.md", text.replace("nama", "nama, alamat").replace("name", "name, address"))
    return repo.commit("Tambah alamat", date, trailers=trailers)


@pytest.mark.slow   # a MkDocs build
def test_a_short_notice_stops_the_build_with_the_dates(tmp_path):
    repo = _site(tmp_path)
    _change(repo, "2025-02-15")
    built = prepare(repo.path)
    assert "docs/id/privacy.md:2: This material change was published on 2025-02-01 but takes effect on " \
           "2025-02-15: 14 days' notice, fewer than the 30 days this site promises its readers. Next: set " \
           "'effective:' to 2025-03-03 or later" in built.output
    result = run_check(repo.path)
    assert result.returncode == 1
    assert "error [notice-period]" in result.stdout and "notice period too short (1)" in result.stdout
    quiet = build_cli(repo.path, args=("-q",))
    assert quiet.code == 1 and "notice period too short (1)" in quiet.output, quiet.output


@pytest.mark.parametrize("effective, trailers", [
    ("2025-03-03", ()),                                   # exactly 30 days
    ("2025-02-15", ("Notice-Change: editorial",)),        # not material
    ("2025-02-15", ("Notice-Period: not-needed",)),       # only benefits readers: waived, on record
])
def test_enough_notice_or_no_notice_needed(tmp_path, effective, trailers):
    repo = _site(tmp_path)
    _change(repo, effective, trailers=trailers)
    assert "notice" not in prepare(repo.path).output.lower().replace("privacy notice", "")
    assert run_check(repo.path).returncode == 0


def test_no_promise_no_check(tmp_path):
    repo = _site(tmp_path, days=0)
    _change(repo, "2025-02-01")
    assert run_check(repo.path).returncode == 0


@pytest.mark.slow   # a MkDocs build
def test_an_older_violation_is_a_note_not_a_stop(tmp_path):
    """A published commit cannot change: the next build reports it and goes on."""
    repo = _site(tmp_path)
    sha = _change(repo, "2025-02-10")
    repo.write("docs/id/index.md", "# Beranda\n\nSitus uji Seruni yang diperbarui.\n")
    repo.commit("Perbarui beranda", "2025-02-02T10:00:00+07:00")
    assert run_check(repo.path).returncode == 0
    built = build_cli(repo.path)
    assert built.code == 0, built.output
    assert f"version {sha[:12]} (published 2025-02-01, effective 2025-02-10) gave 9 days' notice" in built.output
