"""The editors' preview (`mkdocs serve`): a drafted notice shows its outcome after merge, its problems and a dated draft redline."""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from gitrepo import GitRepo
from sitebuild import EPOCH, PROJECT, adopt

BUILD_DATE = "2026-01-01"   # EPOCH


def preview_site(tmp_path: Path) -> GitRepo:
    """The sample privacy notice, published; then an uncommitted Indonesian edit with a
    new effective date (a draft), the English not yet changed."""
    repo = GitRepo.init(tmp_path / "site")
    adopt(repo.path)
    for lang in ("id", "en"):
        text = (PROJECT / "docs" / lang / "privacy.md").read_text("utf-8").replace("effective: 2027-01-15",
                                                                                 "effective: 2025-06-01")
        repo.write(f"docs/{lang}/privacy.md", text)
    repo.commit("Terbitkan pemberitahuan privasi", "2025-05-01T10:00:00+07:00")
    draft = repo.read("docs/id/privacy.md").decode("utf-8")
    draft = draft.replace("effective: 2025-06-01", "effective: 2026-02-15")
    draft = draft.replace("| Pesan obrolan dalam aplikasi | 1 (satu) tahun", "| Pesan obrolan dalam aplikasi | 6 (enam) bulan")
    repo.write("docs/id/privacy.md", draft)
    return repo


def serve_build(root: Path, out: Path) -> None:
    """What `mkdocs serve` builds (the plugin told the command is serve), into `out`."""
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config

    saved = dict(os.environ)
    os.environ.update({"NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH})
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(out))
        config.plugins.on_startup(command="serve", dirty=False)
        try:
            mkdocs_build.build(config, serve_url="/")
        finally:
            config.plugins.on_shutdown()
    finally:
        os.environ.clear()
        os.environ.update(saved)


@pytest.mark.slow   # a MkDocs build
def test_preview_shows_outcome_problems_and_dated_draft_redline(tmp_path):
    repo = preview_site(tmp_path)
    out = tmp_path / "out"
    serve_build(repo.path, out)
    page = (out / "privacy" / "index.html").read_text("utf-8")
    assert "Pratinjau penyunting: setelah digabung" in page
    assert re.search(r"Versi ini berlaku pada <time datetime=\"2026-02-15\">", page)
    assert "Riwayat versi mendapat baris baru" in page
    problems = re.search(r'<section class="mk-banner mk-banner-lag mk-problems".*?</section>', page, re.S).group(0)
    assert "masalah:" in problems and "terjemahan tidak sesuai" in problems
    assert "docs/en/privacy.md:" in problems and "Front matter: teks bahasa Indonesia berlaku pada 2026-02-15" in problems
    # the English page lists the same problems, in the editor's language, linked to the section on that page
    en = (out / "en" / "privacy" / "index.html").read_text("utf-8")
    assert re.search(r'<a href="#retention">docs/en/privacy.md:\d+</a>: Teks bahasa Inggris tidak sesuai', en)
    draft = (out / "privacy" / "versions" / "draft" / "changes" / "index.html").read_text("utf-8")
    assert "Draf, belum diterbitkan: perubahan Anda yang belum di-commit dibandingkan dengan versi" in draft
    assert 'Draf ini berlaku pada <time datetime="2026-02-15">' in draft
    if os.environ.get("MAKLUMAT_PREVIEW_COPY"):   # for screenshots: keep the built preview
        shutil.copytree(out, os.environ["MAKLUMAT_PREVIEW_COPY"], dirs_exist_ok=True)


@pytest.mark.slow   # a MkDocs build
def test_a_published_build_has_no_preview_panels(tmp_path):
    from sitebuild import build
    repo = preview_site(tmp_path)
    repo.commit("Draf jadi commit", "2025-12-01T10:00:00+07:00", trailers=("Notice-Translation: not-needed",))
    built = build(repo.path, strict=False)
    assert built.code == 0, built.output
    page = (tmp_path / "out" / "privacy" / "index.html").read_text("utf-8")
    assert "mk-preview" not in page and "mk-problems" not in page and "Pratinjau penyunting" not in page
