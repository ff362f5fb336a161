"""`python -m maklumat new`: the scaffold of a new notice is a valid, matching pair
from the start, and the command refuses anything it could get wrong."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import maklumat_cli
from gitrepo import GitRepo
from maklumat.cli import new as cli_new
from maklumat.markdown import frontmatter
from maklumat.parity import checks as parity
from maklumat.parity import sections
from maklumat.errors import MaklumatError
from maklumat.model import Settings

ROOT = Path(__file__).resolve().parent.parent
TITLES = {"id": "Pemberitahuan Privasi Pembayaran", "en": "Payments Privacy Notice"}
KEY = "products/payments"
# A fixed moment for the test repository: 2026-03-02 10:00 in Jakarta.
COMMIT_DATE = "2026-03-02T10:00:00+07:00"
BUILD_EPOCH = "1773000000"   # 2026-03-09, a week after the commit


@pytest.fixture
def project(tmp_path):
    (tmp_path / "docs" / "id").mkdir(parents=True)
    (tmp_path / "docs" / "en").mkdir(parents=True)
    return tmp_path


def scaffold(root: Path, key: str = KEY) -> dict[str, Path]:
    cli_new.scaffold(root, key, dict(TITLES), Settings())
    return {lang: root / "docs" / lang / f"{key}.md" for lang in ("id", "en")}


def run_cli(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """`maklumat new …` in `cwd`, in this process (tests/maklumat_cli.py)."""
    return maklumat_cli.run(["new", *args], cwd=cwd)


def test_creates_both_languages_with_matching_anchors(project):
    files = scaffold(project)
    docs = {lang: sections.parse_document(p.read_text(encoding="utf-8"), str(p)) for lang, p in files.items()}
    anchors = {lang: [s.anchor for s in d.sections if s.level == 2] for lang, d in docs.items()}
    assert anchors["id"] == anchors["en"]
    assert "retention" in anchors["id"] and None not in anchors["id"]
    titles = {lang: [s.title for s in d.sections if s.level == 2] for lang, d in docs.items()}
    assert titles["id"] != titles["en"]                 # each language has its own headings
    assert "Retensi Data" in titles["id"] and "Data Retention" in titles["en"]
    for lang, path in files.items():
        text = path.read_text(encoding="utf-8")
        assert text.count("TODO") == len(cli_new.SECTIONS) + 2   # sections, intro, description
        fm = frontmatter.parse(text, str(path))
        assert fm.title == TITLES[lang]
        assert list(fm.meta) == ["description"] and fm.meta["description"].startswith("TODO")
        assert fm.effective is None                      # takes effect on publication by default
        assert f"\n# {TITLES[lang]}\n" in text


def test_effective_hint_becomes_a_date_when_uncommented(project):
    for lang, path in scaffold(project).items():
        text = path.read_text(encoding="utf-8")
        assert text.count("# effective: 2027-01-15\n") == 1
        fm = frontmatter.parse(text.replace("# effective: 2027-01-15", "effective: 2027-01-15"), str(path))
        assert str(fm.effective) == "2027-01-15"
        assert fm.title == TITLES[lang]


def test_titles_with_punctuation_survive(project):
    titles = {"id": 'Cookie: "Penting" # 1', "en": "Cookies: 'key' #1 & more"}
    cli_new.scaffold(project, "cookies", dict(titles), Settings())
    for lang, title in titles.items():
        path = project / "docs" / lang / "cookies.md"
        assert frontmatter.parse(path.read_text(encoding="utf-8"), str(path)).title == title


@pytest.mark.parametrize("title", ["Cookies #", "Cookies {#c}", "", "  ", "Two\nlines"])
def test_titles_markdown_would_change_are_refused(project, title):
    with pytest.raises(MaklumatError, match="--title-en"):
        cli_new.scaffold(project, "cookies", {"id": "Cookie", "en": title}, Settings())
    assert not any((project / "docs").rglob("*.md"))


@pytest.mark.parametrize("key", ["privacy", "products/payments", "a1/b-2/c3", "cookie-policy-2"])
def test_valid_keys(key):
    assert cli_new.validate_key(key) == key


@pytest.mark.parametrize("key", ["Privacy", "privacy notice", "privacy_notice", "-privacy", "privacy-",
                                 "pri--vacy", "/privacy", "privacy/", "a//b", "../privacy", "privacy.md",
                                 "privasi-é", "", "privacy/versions"])
def test_invalid_keys_are_refused(project, key):
    with pytest.raises(MaklumatError):
        cli_new.validate_key(key)
    with pytest.raises(MaklumatError):
        cli_new.scaffold(project, key, dict(TITLES), Settings())
    assert not any((project / "docs").rglob("*.md"))


def test_never_overwrites_and_writes_nothing_on_refusal(project):
    existing = project / "docs" / "en" / "products" / "payments.md"
    existing.parent.mkdir(parents=True)
    existing.write_text("# Kept\n", encoding="utf-8")
    with pytest.raises(MaklumatError) as err:
        scaffold(project)
    assert "docs/en/products/payments.md" in str(err.value)
    assert existing.read_text(encoding="utf-8") == "# Kept\n"
    assert not (project / "docs" / "id" / "products" / "payments.md").exists()


def test_refuses_a_key_whose_url_is_taken(project):
    taken = project / "docs" / "id" / "products" / "payments" / "index.md"
    taken.parent.mkdir(parents=True)
    taken.write_text("# Taken\n", encoding="utf-8")
    with pytest.raises(MaklumatError, match="sudah memakai URL /products/payments/"):
        scaffold(project)
    with pytest.raises(MaklumatError, match="already has the URL /products/payments/; choose another key"):
        cli_new.scaffold(project, "products/payments", dict(TITLES), Settings(messages_lang="en"))
    assert not (project / "docs" / "en" / "products").exists()


def test_cli_creates_files_and_reports_errors_without_traceback(project):
    ok = run_cli(project, KEY, "--title-id", TITLES["id"], "--title-en", TITLES["en"])
    assert ok.returncode == 0, ok.stderr
    assert "docs/id/products/payments.md" in ok.stdout and "docs/en/products/payments.md" in ok.stdout
    again = run_cli(project, KEY, "--title-id", "x", "--title-en", "y")
    assert again.returncode == 2
    assert again.stderr.startswith("error: docs/id/products/payments.md: sudah ada. Langkah berikutnya: sunting file itu")
    assert "Traceback" not in again.stderr
    bad = run_cli(project, "Bad_Key", "--title-id", "x", "--title-en", "y")
    assert bad.returncode == 2 and "kunci pemberitahuan 'Bad_Key' tidak sah" in bad.stderr
    missing = run_cli(project, "x")
    assert missing.returncode == 2 and "--title-id" in missing.stderr


def test_cli_follows_docs_dir_from_mkdocs_yml(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Seruni\ndocs_dir: notices\nplugins:\n  - i18n:\n      languages:\n"
        "        - {locale: id, name: ID, default: true}\n        - {locale: en, name: EN}\n", encoding="utf-8")
    (tmp_path / "notices").mkdir()
    result = run_cli(tmp_path, "cookies", "--title-id", "Cookie", "--title-en", "Cookies")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "notices" / "id" / "cookies.md").is_file()
    assert (tmp_path / "notices" / "en" / "cookies.md").is_file()
    assert not (tmp_path / "docs").exists()


def test_cli_outside_a_repository_root_says_so(tmp_path):
    result = run_cli(tmp_path, "privacy", "--title-id", "x", "--title-en", "y")
    assert result.returncode == 2 and "tidak ada folder 'docs' di sini" in result.stderr   # no site: the default messages language


def test_scaffold_passes_the_parity_check(project):
    files = scaffold(project)
    rel = {lang: p.relative_to(project).as_posix() for lang, p in files.items()}
    text = {lang: p.read_text(encoding="utf-8") for lang, p in files.items()}
    problems = parity.check_pair(rel["id"], text["id"], rel["en"], text["en"], prevailing="id")
    assert problems == []
    # The check is not blind to this pair: the same anchors and e-mail address are what make it pass.
    # Each break must be reported as what it is, on the English line that carries it.
    for old, new, code in (("## Data Retention {#retention}", "## Data Retention {#retained}", "anchor-mismatch"),
                           ("dpo@seruni.example", "privacy@seruni.example", "email")):
        assert text["en"].count(old) == 1, f"the scaffold no longer holds {old!r} once"
        broken = text["en"].replace(old, new)
        line = broken.split("\n").index(next(ln for ln in broken.split("\n") if new in ln)) + 1
        found = [(p.code, p.path, p.line) for p in
                 parity.check_pair(rel["id"], text["id"], rel["en"], broken, prevailing="id")]
        assert found == [(code, rel["en"], line)], f"{old!r} -> {new!r}: {found}"


@pytest.mark.slow
def test_scaffold_builds_with_mkdocs_strict(tmp_path):
    """A copy of the project whose only notice is a fresh scaffold builds with --strict,
    and each language's page links to its own source file for editing."""
    shutil.copy2(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    for lang in ("id", "en"):   # the home pages are the only other documents a site needs
        (tmp_path / "docs" / lang).mkdir(parents=True)
        home = ROOT / "docs" / lang / "index.md"
        text = home.read_text(encoding="utf-8") if home.exists() else f"# Seruni ({lang})\n"
        (tmp_path / "docs" / lang / "index.md").write_text(text, encoding="utf-8")
    files = scaffold(tmp_path)
    GitRepo.init(tmp_path).commit("Add the payments notice", COMMIT_DATE)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": BUILD_EPOCH,
           "PYTHONPATH": str(tmp_path)}
    mkdocs = Path(sys.executable).parent / "mkdocs"

    def build():
        return subprocess.run([str(mkdocs), "build", "-q", "--strict", "-d", str(tmp_path / "site")],
                              cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    # Placeholders never publish: the untouched scaffold stops the strict build, naming file:line.
    result = build()
    assert result.returncode == 1, result.stderr[-4000:]
    first_todo = next(n for n, line in enumerate(files["id"].read_text("utf-8").splitlines(), 1) if "TODO" in line)
    assert f"docs/id/{KEY}.md:{first_todo}: Teks pengisi dari kerangka masih ada di sini" in result.stderr
    assert "teks pengisi masih ada" in result.stdout + result.stderr
    for path in files.values():   # the editor writes the text: the placeholders' words stay, the marks go
        path.write_text(path.read_text("utf-8").replace("TODO: ", ""), encoding="utf-8")
    shutil.rmtree(tmp_path / ".git")   # the pull request is squash-merged: one commit, as if written at once
    GitRepo.init(tmp_path).commit("Add the payments notice", COMMIT_DATE)
    result = build()
    assert result.returncode == 0, result.stderr[-4000:]
    for lang, prefix in (("id", ""), ("en", "en/")):
        page = tmp_path / "site" / prefix / KEY / "index.html"
        assert page.is_file(), f"no page at /{prefix}{KEY}/"
        html = page.read_text(encoding="utf-8")
        assert TITLES[lang] in html
        assert 'id="retention"' in html and 'id="rights"' in html
        edit = f"https://github.com/seruni-example/maklumat/edit/main/docs/{lang}/{KEY}.md"
        assert f'href="{edit}"' in html, f"/{prefix}{KEY}/ has no edit link to {edit}"
        archived = list((page.parent / "versions").rglob("index.html"))
        assert archived, f"/{prefix}{KEY}/ has no version pages"
        for other in archived:     # history is not edited: no edit link outside the current page
            assert "/edit/main/" not in other.read_text(encoding="utf-8"), other
