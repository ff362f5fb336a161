"""A tiny adopted Maklumat site in a temporary git repository, and `mkdocs build` on it.

Adopted the way the README says: the plugin installed, mkdocs.yml copied
beside tiny notices. Shared by the build-level tests.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from gitrepo import GitRepo

PROJECT = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).with_name("mkdocs")
EPOCH = "1767225600"   # 2026-01-01T00:00:00Z: fixes the build date
NOTICE = {"id": ("Kebijakan Privasi", "Kami memproses nama dan nomor telepon Anda."),
          "en": ("Privacy Notice", "We process your name and phone number.")}


@dataclass
class Built:
    code: int
    output: str    # stdout and stderr together: mkdocs logs to stderr


def notice(lang: str, front: str = "effective: 2025-01-10\n") -> str:
    title, para = NOTICE[lang]
    return f"---\n{front}---\n\n# {title}\n\n## Data\n\n{para}\n"


def adopt(root: Path) -> None:
    """What an adopter copies, plus home pages: no notices yet."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
    for lang, title in (("id", "Beranda"), ("en", "Home")):
        (root / "docs" / lang).mkdir(parents=True, exist_ok=True)
        (root / "docs" / lang / "index.md").write_text(f"# {title}\n\nSitus uji Seruni.\n", "utf-8")


def site_repo(tmp_path: Path) -> GitRepo:
    """A valid bilingual site with one notice, committed."""
    repo = GitRepo.init(tmp_path / "site")
    adopt(repo.path)
    for lang in ("id", "en"):
        repo.write(f"docs/{lang}/privacy.md", notice(lang))
    repo.commit("Terbitkan pemberitahuan privasi", "2025-01-03T10:00:00+07:00")
    return repo


def build(root: Path, *, strict: bool = True, env: dict | None = None) -> Built:
    full_env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "SOURCE_DATE_EPOCH")}
    full_env.update({"NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH, **(env or {})})
    args = [str(MKDOCS), "build", "--strict" if strict else "--no-strict", "-d", str(root.parent / "out")]
    done = subprocess.run(args, cwd=root, env=full_env, capture_output=True, text=True, timeout=300)
    return Built(done.returncode, done.stdout + done.stderr)
