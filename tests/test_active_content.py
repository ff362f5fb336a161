"""A notice about to be published carries no script, frame, event handler or off-site resource."""
from __future__ import annotations

import datetime as dt

import pytest

from gitrepo import GitRepo
from maklumat.markdown import active_content, rendering
from maklumat.errors import MaklumatError
from maklumat.history.notices import load_history
from maklumat.model import Settings

PATH = "docs/id/privacy.md"
SETTINGS = Settings(languages=("id",), prevailing="id", root_lang="id", build_date=dt.date(2026, 1, 1))
HEAD = "---\neffective: 2025-01-02\n---\n# Kebijakan Privasi\n\nKami memproses nama Anda.\n\n"


def refused(body: str) -> MaklumatError:
    with pytest.raises(MaklumatError) as err:
        active_content.check(rendering.render(body), body, PATH, 5)
    return err.value


@pytest.mark.parametrize("body,what,line", [
    ("Teks.\n\n<script>alert(1)</script>\n", "<script>", 7),
    ("Teks.\n\nSatu <span onclick=\"alert(2)\">dua</span>.\n", "onclick=", 7),
    ("Teks.\n\n[klik](javascript:alert(3))\n", "'javascript:'", 7),
    ("Teks.\n\n![piksel](https://tracker.example/p.png)\n", "another site", 7),
    ("Teks.\n\n<img src=\"//tracker.example/p.png\">\n", "another site", 7),
    ("Teks.\n\nLihat:\n\n<iframe src=\"https://video.example/\"></iframe>\n", "<iframe>", 9),
    ("Teks.\n\n<div style=\"background: url(https://x.example/a.png)\">a</div>\n", "style", 7),
    ("Teks.\n\n[data](data:text/html;base64,PHNjcmlwdD4=)\n", "'data:'", 7),
])
def test_active_or_off_site_content_is_refused_with_its_line(body, what, line):
    err = refused(body)
    assert what in err.message and err.path == PATH and err.line == line


@pytest.mark.parametrize("body", [
    "Lihat [situs kami](https://seruni.example/) atau [surel](mailto:dpo@seruni.example).\n",
    "Telepon [021 555 0100](tel:+62215550100).\n",
    "![Logo](logo.png)\n\n[Bagian 2](#hak)\n",
    "Kode `<script>` hanya teks.\n",
    "<details><summary>Lebih lanjut</summary>Teks.</details>\n",
    "Teks tentang onclick= dan javascript: sebagai kata.\n",
])
def test_words_links_and_local_images_pass(body):
    active_content.check(rendering.render(body), body, PATH, 5)


def test_the_tip_is_refused_but_an_old_version_stays_archived(tmp_path):
    repo = GitRepo.init(tmp_path / "r")
    repo.write(PATH, HEAD + "<script>alert(1)</script>\n")
    repo.commit("Tambah skrip", "2025-01-02T10:00:00+07:00")
    with pytest.raises(MaklumatError) as err:
        load_history(repo.path, SETTINGS)
    assert (err.value.path, err.value.line) == (PATH, 8)
    repo.write(PATH, HEAD)
    repo.commit("Hapus skrip", "2025-01-03T10:00:00+07:00")
    versions = load_history(repo.path, SETTINGS).notices["privacy"].files["id"].versions
    assert len(versions) == 2   # the published mistake is kept, as every published version is
