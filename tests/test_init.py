"""A legal team starting fresh: this repository used as a GitHub template, then
`python -m maklumat init` empties it, and the emptied site builds with --strict."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gitrepo import BASE_ENV, GitRepo, git_date

ROOT = Path(__file__).resolve().parent.parent


def template_copy(tmp_path: Path) -> GitRepo:
    """What 'Use this template' gives: the tracked files, in one commit of a new repository."""
    repo = GitRepo.init(tmp_path / "acme")
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True)
    for rel in filter(None, files.stdout.split("\0")):
        if (ROOT / rel).is_file() and not rel.startswith("tests/"):
            (repo.path / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, repo.path / rel)
    repo.commit("Initial commit", "2026-03-02T09:00:00+07:00")
    return repo


@pytest.mark.slow
def test_init_empties_the_template_and_the_site_builds(tmp_path):
    repo = template_copy(tmp_path)
    assert (repo.path / "docs/id/privacy.md").is_file()   # the examples are there to begin with
    env = {**os.environ, **BASE_ENV, "GIT_AUTHOR_DATE": git_date("2026-03-02T10:00:00+07:00"),
           "GIT_COMMITTER_DATE": git_date("2026-03-02T10:00:00+07:00"), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PYTHONPATH", None)
    done = subprocess.run([sys.executable, "-m", "maklumat", "init", "--name", "Acme — Privacy Notices",
                           "--site-url", "https://privacy.acme.example/", "--fresh-history"],
                          cwd=repo.path, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    # the template's messages language is the prevailing one, Indonesian
    assert "Riwayat git dimulai dari awal: satu commit berisi situs yang sudah dikosongkan." in done.stdout
    assert "Langkah berikutnya: python -m maklumat new <kunci>" in done.stdout
    docs = sorted(p.relative_to(repo.path).as_posix() for p in (repo.path / "docs").rglob("*") if p.is_file())
    assert docs == ["docs/en/index.md", "docs/id/index.md"]
    assert (repo.path / ".github/workflows/publish.yml").is_file()
    assert (repo.path / ".github/workflows/pull-request.yml").is_file()
    config = (repo.path / "mkdocs.yml").read_text("utf-8")
    assert 'site_name: "Acme — Privacy Notices"' in config and "Seruni" not in config
    assert repo.git("rev-list", "--count", "HEAD").strip() == "1"
    assert repo.git("status", "--porcelain").strip() == ""
    out = tmp_path / "site"
    built = subprocess.run([str(Path(sys.executable).with_name("mkdocs")), "build", "--strict", "-d", str(out)],
                           cwd=repo.path, env={**env, "SOURCE_DATE_EPOCH": "1773000000"},
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr[-3000:]
    manifest = json.loads((out / "notices.json").read_text("utf-8"))
    assert "Seruni" not in json.dumps(manifest) and "cookies" not in json.dumps(manifest)
    assert not manifest.get("notices"), manifest
    assert (out / "feed.xml").is_file() and (out / "en/feed.json").is_file()
    assert not (out / "privacy").exists()
