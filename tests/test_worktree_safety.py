"""What the build and `check` read from the working tree: no symlinks, nothing outside the
repository, no folder posing as a notice, and parity on the committed (published) text."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

import maklumat_cli
from gitrepo import GitRepo
from maklumat.settings import make_settings
from maklumat.publish import site
from maklumat.errors import MaklumatError
from sitebuild import notice, site_repo

SECRET = "rahasia-runner@internal.example"


@pytest.fixture(autouse=True)
def build_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")   # 2026-01-01


@pytest.fixture
def repo(tmp_path) -> GitRepo:
    """An adopted site (engine only: no mkdocs run) with one committed notice pair."""
    return site_repo(tmp_path)


@pytest.fixture
def outside(tmp_path) -> Path:
    """A file of the machine that builds, outside the repository."""
    path = tmp_path / "runner-secret.md"
    path.write_text(f"# Secret\n\nWrite to {SECRET} or +62 811 0000 0000.\n", "utf-8")
    return path


def prepare(r: GitRepo, drafts: bool = False) -> site.SiteBuild:
    return site.prepare(make_settings(languages=["id", "en"], site_url="https://privasi.seruni.example/",
                                      messages_language="en"),
                        config_dir=r.path, include_drafts=drafts)


def check(r: GitRepo, *args: str) -> subprocess.CompletedProcess:
    """`maklumat check`, in this process (tests/maklumat_cli.py)."""
    return maklumat_cli.run(["check", "--repo", str(r.path), *args], cwd=r.path.parent)


def refused_everywhere(r: GitRepo, path: str, *words: str) -> None:
    """The build (with and without drafts) and `check` stop, naming the file, without a traceback."""
    for drafts in (False, True):
        with pytest.raises(MaklumatError) as err:
            prepare(r, drafts)
        assert err.value.path == path
        for w in words:
            assert w in err.value.message
        assert SECRET not in str(err.value)
    done = check(r)
    assert done.returncode == 2, done.stdout + done.stderr
    assert f"error: {path}: " in done.stderr and "Traceback" not in done.stderr
    assert SECRET not in done.stdout + done.stderr


# ---- symlinks -----------------------------------------------------------------------
def test_a_translation_linked_to_the_prevailing_text_is_refused(repo):
    # Parity would read the target and pass while the site publishes the link's own text.
    (repo.path / "docs/en/privacy.md").unlink()
    os.symlink("../id/privacy.md", repo.path / "docs/en/privacy.md")
    repo.commit("Link the English text", "2025-02-01T10:00:00+07:00")
    refused_everywhere(repo, "docs/en/privacy.md", "symbolic link", "../id/privacy.md")


def test_a_link_to_a_file_outside_the_repository_is_never_read(repo, outside):
    os.symlink(outside, repo.path / "docs/en/leak.md")
    os.symlink(outside, repo.path / "docs/id/leak.md")
    refused_everywhere(repo, "docs/en/leak.md", "symbolic link", "outside the repository")


def test_a_linked_folder_is_refused(repo, outside):
    os.symlink(outside.parent, repo.path / "docs/id/legal")
    refused_everywhere(repo, "docs/id/legal", "symbolic link")


def test_a_linked_home_page_is_refused(repo, outside):
    # The home page is read from the working tree by MkDocs: it must not leave the repository.
    (repo.path / "docs/id/index.md").unlink()
    os.symlink(outside, repo.path / "docs/id/index.md")
    refused_everywhere(repo, "docs/id/index.md", "symbolic link")


def test_a_linked_asset_is_refused(repo, outside):
    # MkDocs copies every file under docs/ to the site: a link would publish the target.
    os.symlink(outside, repo.path / "docs/id/logo.png")
    refused_everywhere(repo, "docs/id/logo.png", "symbolic link")


def test_a_linked_docs_folder_is_refused(repo, tmp_path):
    (repo.path / "docs").rename(tmp_path / "elsewhere")
    os.symlink(tmp_path / "elsewhere", repo.path / "docs")
    with pytest.raises(MaklumatError, match="symbolic link|must be inside the git repository"):
        prepare(repo)
    done = check(repo)
    assert done.returncode == 2 and "error: docs: " in done.stderr and "tautan simbolis" in done.stderr


# ---- a folder named like a notice ---------------------------------------------------
def test_a_folder_named_like_a_notice_is_a_clear_error(repo):
    (repo.path / "docs/id/x.md").mkdir()
    (repo.path / "docs/id/x.md/keep.txt").write_text("x", "utf-8")
    refused_everywhere(repo, "docs/id/x.md", "folder", "Rename the folder")


# ---- parity reads the committed text ------------------------------------------------
DIVERGENT = notice("en").replace("name and phone number", "name, phone number and 3 addresses")


def test_check_reads_the_committed_text_not_the_working_tree(repo):
    repo.write("docs/en/privacy.md", DIVERGENT)   # uncommitted: not published, not checked
    done = check(repo)
    assert done.returncode == 0, done.stdout
    assert "tidak diperiksa karena belum di-commit: docs/en/privacy.md" in done.stderr
    repo.commit("English: addresses", "2025-02-01T10:00:00+07:00", trailers=("Notice-Translation: not-needed",))
    repo.write("docs/en/privacy.md", notice("en"))   # fixed locally, but the divergent text is what is published
    done = check(repo)
    assert done.returncode == 1 and "docs/en/privacy.md:" in done.stdout, done.stdout
    assert "belum di-commit: docs/en/privacy.md" in done.stderr


def test_the_build_checks_the_published_text_and_serve_the_drafts(repo):
    repo.write("docs/en/privacy.md", DIVERGENT)
    assert prepare(repo).problems == []              # HEAD is in sync: the build publishes HEAD
    drafts = prepare(repo, drafts=True).problems     # `make serve` shows the draft, and its problems
    assert drafts and all(p.startswith("docs/en/privacy.md:") for p in drafts)
    repo.commit("English: addresses", "2025-02-01T10:00:00+07:00", trailers=("Notice-Translation: not-needed",))
    repo.write("docs/en/privacy.md", notice("en"))
    problems = prepare(repo).problems
    assert problems and problems[0].startswith("docs/en/privacy.md:")
    assert prepare(repo, drafts=True).problems == []
