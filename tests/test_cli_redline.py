"""`python -m maklumat redline`: every notice changed between two refs of a small repo."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from gitrepo import GitRepo
from maklumat.cli import main
from tools import vnu_errors

ROOT = Path(__file__).resolve().parents[1]

PRIVACY_ID = """# Pemberitahuan Privasi

Kami menyimpan data Anda selama lima tahun.

## Kontak {#contact}

Surel: privasi@seruni.example.
"""
PRIVACY_EN = """# Privacy Notice

Read [our cookie notice](https://privasi.seruni.example/en/cookies/).

## Contact {#contact}

Email: privacy@seruni.example.
"""
COOKIES_ID = "# Kuki\n\nKami memakai kuki yang\nperlu saja.\n"
OLD_ID = "# Program Lama\n\nProgram ini sudah berakhir.\n"
TERMS_EN = ("# Terms\n\nThese terms apply to the Seruni app.\n\n## Accounts\n\nOne account per person.\n\n"
            "## Payments\n\nPayments are processed in rupiah.\n\n## Changes\n\nWe announce changes in advance.\n")
NEW_ID = "# Program Baru\n\nProgram loyalitas Seruni dimulai tahun ini.\n"


@pytest.fixture
def repo(tmp_path):
    repo = GitRepo.init(tmp_path / "site")
    for path, text in {"docs/id/privacy.md": PRIVACY_ID, "docs/en/privacy.md": PRIVACY_EN,
                       "docs/id/cookies.md": COOKIES_ID, "docs/id/old.md": OLD_ID,
                       "docs/en/terms.md": TERMS_EN, "README.md": "readme\n"}.items():
        repo.write(path, text)
    base = repo.commit("First notices", "2025-01-01T09:00:00+07:00")
    repo.write("docs/id/privacy.md", PRIVACY_ID.replace("lima tahun", "tiga tahun"))
    repo.write("docs/en/privacy.md", PRIVACY_EN.replace("/en/cookies/", "/en/cookie-policy/"))
    repo.write("docs/id/cookies.md", COOKIES_ID.replace("yang\nperlu", "yang perlu").replace("\n", "\r\n"))
    (repo.path / "docs/id/old.md").unlink()
    (repo.path / "docs/en/terms.md").unlink()
    repo.write("docs/en/legal/terms.md", TERMS_EN.replace("Seruni app", "Seruni app and website"))
    repo.write("docs/id/baru.md", NEW_ID)
    repo.write("docs/assets/logo.png", b"\x89PNG\r\n")
    repo.write("README.md", "readme changed\n")
    head = repo.commit("Second round", "2025-02-01T09:00:00+07:00")
    return repo.path, base, head


def notices(gfm: str) -> list[str]:
    return [line[3:] for line in gfm.splitlines() if line.startswith("## ") and " — " in line]


def section(gfm: str, title: str) -> str:
    start = gfm.index(f"## {title}\n")
    nxt = [gfm.index(f"## {t}\n") for t in notices(gfm) if gfm.index(f"## {t}\n") > start]
    return gfm[start:min(nxt) if nxt else len(gfm)]


def test_gfm_lists_every_changed_notice(repo, capsys):
    path, base, head = repo
    assert main(["redline", "--base", base, "--head", head, "--repo", str(path)]) == 0
    out = capsys.readouterr().out
    assert notices(out) == ["baru — Bahasa Indonesia", "cookies — Bahasa Indonesia",
                            "legal/terms — English", "old — Bahasa Indonesia",
                            "privacy — Bahasa Indonesia", "privacy — English"]
    assert "logo" not in out and "readme" not in out.lower()
    assert "<del>lima</del> <ins>tiga</ins>" in section(out, "privacy — Bahasa Indonesia")
    en = section(out, "privacy — English")
    assert "<del>[our cookie notice](<https://privasi.seruni.example/en/cookies/>)</del>" in en
    assert "<ins>[our cookie notice](<https://privasi.seruni.example/en/cookie-policy/>)</ins>" in en
    new = section(out, "baru — Bahasa Indonesia")
    assert "Pemberitahuan baru" in new and "<ins>Program loyalitas Seruni dimulai tahun ini.</ins>" in new
    old = section(out, "old — Bahasa Indonesia")
    assert "Pemberitahuan dicabut" in old and "<del>Program ini sudah berakhir.</del>" in old
    terms = section(out, "legal/terms — English")
    assert "File moved from docs/en/terms.md" in terms and "<ins>and website</ins>" in terms
    cookies = section(out, "cookies — Bahasa Indonesia")
    assert "Tidak ada perubahan yang terlihat" in cookies and "<ins>" not in cookies


@pytest.mark.slow   # the Nu Html Checker starts Java
def test_html_page(repo, tmp_path):
    path, base, head = repo
    out = tmp_path / "redline.html"
    assert main(["redline", "--base", base, "--head", head, "--repo", str(path),
                 "--format", "html", "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    s = BeautifulSoup(page, "html.parser")
    sections = s.select("section.mk-notice-redline")
    assert [sec["lang"] for sec in sections] == ["id", "id", "en", "id", "id", "en"]
    ids = [el["id"] for el in s.find_all(id=True)]
    assert len(ids) == len(set(ids))
    assert all(a["href"][1:] in ids for a in s.select(".mk-redline-summary a"))
    assert "text-decoration: line-through" in page   # the stylesheet travels with the page
    assert sections[4].select_one("del.mk-del .mk-sr").get_text() == "[dihapus: "
    assert sections[5].select_one("ins.mk-ins a")["href"].endswith("/en/cookie-policy/")
    assert vnu_errors(out) == []


def test_module_entry_point(repo):
    path, base, head = repo
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "maklumat", "redline", "--base", base[:12], "--head", head],
                          cwd=path, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"# Redline `{base[:12]}` → `{head}`")


def test_no_changes_between_equal_refs(repo, capsys):
    path, base, _ = repo
    assert main(["redline", "--base", base, "--head", base, "--repo", str(path)]) == 0
    assert "No notice changed." in capsys.readouterr().out


def test_unknown_ref_is_a_clear_error(repo, capsys):
    path, base, _ = repo
    assert main(["redline", "--base", "no-such-branch", "--head", base, "--repo", str(path)]) == 2
    err = capsys.readouterr().err
    assert "not a commit in this repository: 'no-such-branch'" in err and "Traceback" not in err


def test_text_that_is_not_utf8_names_the_file(repo, capsys):
    path, _, head = repo
    GitRepo(path).write("docs/id/privacy.md", "# Pemberitahuan\n\nCaf\u00e9 kami.\n".encode("latin-1"))
    bad = GitRepo(path).commit("Latin-1 by mistake", "2025-03-01T09:00:00+07:00")
    assert main(["redline", "--base", head, "--head", bad, "--repo", str(path)]) == 2
    err = capsys.readouterr().err
    assert "docs/id/privacy.md:3: not UTF-8 text" in err


@pytest.mark.parametrize("where", ["missing-folder/x.md", "."])
def test_out_path_that_cannot_be_written_is_a_clear_error(repo, capsys, tmp_path, where):
    path, base, head = repo
    out = tmp_path / where
    assert main(["redline", "--base", base, "--head", head, "--repo", str(path), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"error: {out}: cannot write the redline there" in err and "Traceback" not in err
