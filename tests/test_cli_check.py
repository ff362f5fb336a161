"""`python -m maklumat check` end to end, and the settings it reads from mkdocs.yml."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

import maklumat_cli
from gitrepo import GitRepo
from maklumat.cli.check import render
from maklumat.errors import MaklumatError
from maklumat.model import Settings
from maklumat.parity.checks import Problem
from maklumat.mkdocs.config import load_settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "parity"
TEXTS = {lang: (FIXTURES / f"{lang}.md").read_text(encoding="utf-8") for lang in ("id", "en")}

MKDOCS_YML = """\
site_name: Uji
site_url: !ENV [MAKLUMAT_TEST_SITE_URL, "https://privasi.seruni.example"]
docs_dir: docs
markdown_extensions:
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
plugins:
  - search
  - i18n:
      docs_structure: folder
      languages:
        - locale: en
          name: English
        - locale: id
          name: Bahasa Indonesia
          default: true
  - maklumat:
      prevailing: id
      timezone: Asia/Jakarta
      messages_language: en
"""
RETENTION_LINE = next(n for n, line in enumerate(TEXTS["en"].split("\n"), 1) if "30 (thirty) days" in line)


def run_check(repo: Path, *args: str, process: bool = False) -> subprocess.CompletedProcess:
    """`maklumat check --repo <repo> …` from the folder above it, in this process unless `process`
    (tests/maklumat_cli.py); the first and the unreadable-input tests run the real command."""
    return maklumat_cli.run(["check", "--repo", str(repo), *args], cwd=repo.parent,
                            unset=("MAKLUMAT_TEST_SITE_URL",), process=process)


@pytest.fixture
def site(tmp_path):
    """A committed site whose notice pair is in sync."""
    repo = GitRepo.init(tmp_path / "site")
    repo.write("mkdocs.yml", MKDOCS_YML)
    repo.write("docs/id/index.md", "# Beranda\n\nLihat 3 pemberitahuan.\n")
    repo.write("docs/en/index.md", "# Home\n")          # home pages are not notices: not compared
    for lang, text in TEXTS.items():
        repo.write(f"docs/{lang}/privacy.md", text)
    repo.commit("Publish the privacy notice", "2025-01-06T10:00:00+07:00")
    return repo


def commit_en(site, text: str) -> None:
    """An English edit, committed (check reads committed texts) as needing no Indonesian
    change, so that only the parity problem shows, not translation lag as well."""
    site.write("docs/en/privacy.md", text)
    site.commit("Edit the English text", "2025-02-03T10:00:00+07:00", trailers=("Notice-Translation: not-needed",))


def test_in_sync_site_passes(site):
    result = run_check(site.path, process=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No problems: 1 notice checked" in result.stdout


def test_divergence_is_reported_with_file_line_and_exit_1(site):
    commit_en(site, TEXTS["en"].replace("30 (thirty) days or", "60 (sixty) days or"))
    result = run_check(site.path)
    assert result.returncode == 1
    assert result.stdout.startswith(
        f"docs/en/privacy.md:{RETENTION_LINE}: error [number] The English text does not match the Indonesian "
        "text: Section '4. Data Retention' {#retention}: "
        "the Indonesian text says 30 days, the English text says 60 days. Next: correct the English text")
    assert "1 problem (1 error, 0 warnings) in 1 notice." in result.stdout


def test_github_format_emits_annotations(site):
    commit_en(site, TEXTS["en"].replace("30 (thirty) days or", "60 (sixty) days or"))
    result = run_check(site.path, "--format", "github")
    assert result.returncode == 1
    assert result.stdout.split("\n")[0].startswith(
        f"::error file=docs/en/privacy.md,line={RETENTION_LINE}::The English text does not match the Indonesian "
        "text: Section '4. Data Retention' {#retention}: "
        "the Indonesian text says 30 days, the English text says 60 days. Next: correct the English text")


def test_json_format(site):
    commit_en(site, TEXTS["en"].replace("## 7. Security {#security}", "### 7. Security {#security}"))
    result = run_check(site.path, "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert (report["notices"], report["errors"], report["warnings"]) == (1, 0, 1)
    (problem,) = report["problems"]
    assert {k: problem[k] for k in ("code", "severity", "path", "lang", "anchor")} == {
        "code": "section-level", "severity": "warning", "path": "docs/en/privacy.md", "lang": "en",
        "anchor": "security"}


def test_notice_in_one_language_only_is_an_error(site):
    site.write("docs/id/cookies.md", "# Kebijakan Cookie\n\nKami memakai 2 cookie.\n")
    site.write("docs/en/terms.md", "# Terms\n")
    site.commit("Add two notices in one language each", "2025-02-03T10:00:00+07:00")
    result = run_check(site.path, "--format", "json", "--no-history")
    report = json.loads(result.stdout)
    assert result.returncode == 1 and report["errors"] == 2
    by_path = {p["path"]: p for p in report["problems"]}
    assert by_path["docs/id/cookies.md"]["code"] == "missing-translation"
    assert "no English translation (docs/en/cookies.md is missing)" in by_path["docs/id/cookies.md"]["message"]
    assert "which prevails, is missing (docs/id/terms.md)" in by_path["docs/en/terms.md"]["message"]


def test_english_only_commit_is_a_severe_lag(site):
    site.write("docs/en/privacy.md", TEXTS["en"].replace("only as long as necessary", "only for as long as needed"))
    site.commit("Reword the English retention sentence", "2025-03-04T09:30:00+07:00")
    result = run_check(site.path)
    assert result.returncode == 1
    first = result.stdout.split("\n")[0]
    assert first.startswith("docs/id/privacy.md:1: error [lag-prevailing-behind] The English text was changed "
                            "on 2025-03-04")
    assert run_check(site.path, "--no-history").returncode == 0      # the texts themselves still match


def test_not_needed_trailer_clears_the_lag(site):
    site.write("docs/en/privacy.md", TEXTS["en"].replace("only as long as necessary", "only for as long as needed"))
    site.commit("Reword the English retention sentence", "2025-03-04T09:30:00+07:00",
                trailers=("Notice-Translation: not-needed",))
    assert run_check(site.path).returncode == 0


def test_plain_directory_without_git_is_checked_without_lag(tmp_path):
    root = tmp_path / "plain"
    (root / "docs" / "id").mkdir(parents=True)
    (root / "docs" / "en").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    for lang, text in TEXTS.items():
        (root / "docs" / lang / "privacy.md").write_text(text, encoding="utf-8")
    result = run_check(root)
    assert result.returncode == 0 and "translation lag not checked" in result.stderr


def test_unreadable_input_exits_2_naming_file_and_line(site):
    site.write("docs/en/privacy.md", "---\neffective: next week\n---\n# Privacy\n")
    site.commit("Break the date", "2025-02-03T10:00:00+07:00")
    result = run_check(site.path, "--no-history", process=True)
    assert result.returncode == 2
    assert "docs/en/privacy.md:2: 'effective: next week' is not a valid date" in result.stderr
    assert "Traceback" not in result.stderr


def test_usage_errors_exit_2(tmp_path, site):
    assert run_check(site.path, "--format", "xml").returncode == 2
    result = run_check(tmp_path / "nowhere")
    assert result.returncode == 2 and "mkdocs.yml" in result.stderr and "Traceback" not in result.stderr


def test_github_annotation_escaping():
    problem = Problem("number", "warning", "50% of rows\nchanged", "docs/en/a,b.md", 4, "en", None)
    out = render([problem], 1, "github", Settings(messages_lang="en"))
    assert out.split("\n")[0].startswith("::warning file=docs/en/a%2Cb.md,line=4::The English text does not match "
                                         "the Indonesian text: 50%25 of rows%0Achanged Next: ")


def test_summary_counts_come_from_the_catalog():
    """Plural forms from the catalog, language names joined by Babel."""
    warn = Problem("number", "warning", "x", "docs/en/a.md", 1, "en", None)
    error = Problem("number", "error", "x", "docs/en/a.md", 1, "en", None)
    assert render([], 1, "text", Settings(messages_lang="en")) == "No problems: 1 notice checked; the Indonesian and English texts match."
    assert render([], 3, "text", Settings(messages_lang="en")).startswith("No problems: 3 notices checked;")
    assert render([warn], 2, "text", Settings(messages_lang="en")).endswith(
        "\n1 problem (0 errors, 1 warning) in 2 notices.\n"
        "1 problem: translation does not match (1). Nothing is published until they are fixed.")
    assert "\n3 problems (1 error, 2 warnings) in 1 notice.\n" in render([warn, error, warn], 1, "text",
                                                                        Settings(messages_lang="en"))
    assert render([warn, error], 1, "text", Settings()).endswith(
        "\n2 masalah: terjemahan tidak sesuai (2). Tidak ada yang diterbitkan sampai semuanya diperbaiki.")


# -- settings -------------------------------------------------------------------------------
def test_load_settings_reads_mkdocs_tags_and_i18n(tmp_path, monkeypatch):
    (tmp_path / "docs").mkdir()
    path = tmp_path / "mkdocs.yml"
    path.write_text(MKDOCS_YML, encoding="utf-8")
    monkeypatch.delenv("MAKLUMAT_TEST_SITE_URL", raising=False)
    settings = load_settings(path)
    assert (settings.languages, settings.prevailing, settings.timezone, settings.docs_dir, settings.site_url) == \
        (("id", "en"), "id", "Asia/Jakarta", "docs", "https://privasi.seruni.example/")
    assert settings.root_lang == "id"
    monkeypatch.setenv("MAKLUMAT_TEST_SITE_URL", "https://staging.seruni.example/")
    assert load_settings(path).site_url == "https://staging.seruni.example/"


def test_the_projects_own_mkdocs_yml_loads():
    settings = load_settings(ROOT / "mkdocs.yml")
    assert settings.prevailing in settings.languages and set(settings.languages) == {"id", "en"}


@pytest.mark.parametrize("change,words,line", [
    ("prevailing: id", "prevailing: fr' is not one of the site's languages", 21),
    ("timezone: Asia/Jakarta", "'Mars/Olympus' is not a known time zone", 22),
])
def test_bad_settings_name_the_line(tmp_path, change, words, line):
    (tmp_path / "docs").mkdir()
    path = tmp_path / "mkdocs.yml"
    bad = "prevailing: fr" if change.startswith("prevailing") else "timezone: Mars/Olympus"
    path.write_text(MKDOCS_YML.replace(change, bad), encoding="utf-8")
    with pytest.raises(MaklumatError) as err:
        load_settings(path)
    assert words in err.value.message and err.value.line == line and err.value.path == str(path)
