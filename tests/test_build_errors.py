"""Bad input: a build must stop with a message an editor can act on (naming the file, and
the line where there is one), and never show a Python traceback.

Each test adopts the project the way the README says (the plugin installed, mkdocs.yml
copied beside tiny notices) in a temporary git repository. The refusals are decided where a
build starts (the plugin's on_config calls `maklumat.publish.site.prepare`), so most are
checked there in-process (`sitebuild.prepare`, no MkDocs build); the tests marked slow run the
real `mkdocs build` and show that it says exactly what the engine says.
"""
from __future__ import annotations

import pytest

from gitrepo import shallow_clone
from sitebuild import Built, adopt, build, build_cli, notice, prepare, site_repo

def assert_refused(result: Built, *needles: str) -> None:
    assert result.code != 0, result.output
    assert "Traceback" not in result.output, result.output
    for needle in needles:
        assert needle in result.output, result.output


@pytest.mark.slow
def test_valid_site_builds(tmp_path):
    # The control: the harness itself builds, so the refusals below are about their input.
    repo = site_repo(tmp_path)
    result = build_cli(repo.path)   # the real command, exit status and all
    assert result.code == 0, result.output
    assert "Traceback" not in result.output
    assert (tmp_path / "out" / "notices.json").is_file()
    assert (tmp_path / "out" / "en" / "privacy" / "index.html").is_file()
    assert prepare(repo.path) == Built(0, "")   # the in-process start of a build agrees
    # ... and so does the in-process build the other build tests use: the same bytes.
    assert build(repo.path, out=tmp_path / "in-process").code == 0
    cli = {p.relative_to(tmp_path / "out"): p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()}
    ours = {p.relative_to(tmp_path / "in-process"): p.read_bytes()
            for p in (tmp_path / "in-process").rglob("*") if p.is_file()}
    assert cli == ours, sorted(f for f in cli.keys() | ours.keys() if cli.get(f) != ours.get(f))[:10]


def test_shallow_clone(tmp_path):
    repo = site_repo(tmp_path)
    repo.write("docs/id/privacy.md", notice("id") + "\nKalimat baru.\n")
    repo.commit("Tambah kalimat", "2025-02-01T10:00:00+07:00")
    clone = shallow_clone(repo, tmp_path / "clone")
    assert_refused(prepare(clone.path), "salinan (clone) ini dangkal", "git fetch --unshallow", "fetch-depth: 0")


def test_not_a_git_repository(tmp_path):
    root = tmp_path / "plain"
    adopt(root)
    for lang in ("id", "en"):
        (root / "docs" / lang / "privacy.md").write_text(notice(lang), "utf-8")
    assert_refused(prepare(root), "folder ini bukan repositori git", "git init")


@pytest.mark.parametrize("front, line, words", [
    ("description: ok\ntitle: a: b\n", 3, "front matter tidak dapat dibaca"),   # the site's messages: Indonesian
    ("- just\n- a list\n", 2, "kunci: nilai"),
], ids=["yaml", "not-a-mapping"])
def test_malformed_front_matter(tmp_path, front, line, words):
    repo = site_repo(tmp_path)
    repo.write("docs/id/privacy.md", notice("id", front))
    repo.commit("Rusak", "2025-02-01T10:00:00+07:00")
    assert_refused(prepare(repo.path), f"docs/id/privacy.md:{line}:", words)


def test_unclosed_front_matter(tmp_path):
    repo = site_repo(tmp_path)
    repo.write("docs/en/privacy.md", "---\neffective: 2025-01-10\n\n# Privacy Notice\n\nText.\n")
    repo.commit("Broken", "2025-02-01T10:00:00+07:00")
    assert_refused(prepare(repo.path), "docs/en/privacy.md:1:", "baris penutup '---'")


@pytest.mark.parametrize("value", ["10/01/2025", "2025-02-30", "2025-13-01", "next monday"])
def test_invalid_effective_date(tmp_path, value):
    repo = site_repo(tmp_path)
    repo.write("docs/en/privacy.md", notice("en", f"description: Seruni\neffective: {value}\n"))
    repo.commit("Bad date", "2025-02-01T10:00:00+07:00")
    assert_refused(prepare(repo.path), "docs/en/privacy.md:3:", f"'effective: {value}' bukan tanggal yang sah", "TTTT-BB-HH")


@pytest.mark.slow
def test_notice_in_one_language_only(tmp_path):
    repo = site_repo(tmp_path)
    repo.write("docs/id/cookies.md", notice("id").replace("Kebijakan Privasi", "Kebijakan Cookie"))
    repo.commit("Cookie (id)", "2025-02-01T10:00:00+07:00")
    strict = build(repo.path)
    assert_refused(strict, "Dihentikan dalam mode ketat: 1 masalah")
    assert warned_about_cookies(strict.output), strict.output
    # It is a warning, not an error: without --strict the site builds, with an honest page.
    lenient = build(repo.path, strict=False)
    assert lenient.code == 0, lenient.output
    assert warned_about_cookies(lenient.output) and "Traceback" not in lenient.output
    assert (tmp_path / "out" / "en" / "cookies" / "index.html").is_file()


def warned_about_cookies(output: str) -> bool:
    """One line names the notice's file and the missing counterpart: a warning, or an
    error in a strict build (which -q still shows)."""
    return any(line.startswith(("WARNING", "ERROR")) and "docs/id/cookies.md" in line and "docs/en/cookies.md" in line
               for line in output.splitlines())


@pytest.mark.parametrize("value", ["tomorrow", "", "-1"])
def test_invalid_source_date_epoch(tmp_path, value):
    # '' used to end in MkDocs' own traceback, and -1 built as of 1969-12-31.
    repo = site_repo(tmp_path)
    assert_refused(prepare(repo.path, env={"SOURCE_DATE_EPOCH": value}), f"SOURCE_DATE_EPOCH={value!r}",
                   "bukan bilangan bulat detik")   # the site speaks Indonesian


@pytest.mark.slow
def test_old_version_with_broken_front_matter_still_builds(tmp_path):
    # A published mistake cannot be unpublished: only the newest version must be valid.
    repo = site_repo(tmp_path)
    for lang in ("id", "en"):   # both languages, so parity has nothing to say
        repo.write(f"docs/{lang}/privacy.md", notice(lang, "effective: 2025-13-01\n") + "\nDua.\n")
    broken = repo.commit("Broken date", "2025-02-01T10:00:00+07:00")
    for lang in ("id", "en"):
        repo.write(f"docs/{lang}/privacy.md", notice(lang, "effective: 2025-03-01\n") + "\nDua.\n")
    repo.commit("Fix the date", "2025-02-02T10:00:00+07:00")
    result = build(repo.path)
    assert result.code == 0 and "Traceback" not in result.output, result.output
    archived = tmp_path / "out" / "privacy" / "versions" / broken[:12] / "index.html"
    assert "Dua." in archived.read_text("utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("case", ["effective-date", "shallow"])
def test_mkdocs_build_refuses_with_the_engines_message(tmp_path, case):
    """The real `mkdocs build --strict` stops with the same message the in-process checks
    above read from the engine, without a traceback: they stand for the real build."""
    repo = site_repo(tmp_path)
    if case == "effective-date":
        repo.write("docs/en/privacy.md", notice("en", "effective: 2025-02-30\n"))
        repo.commit("Bad date", "2025-02-01T10:00:00+07:00")
    else:
        repo.commit("Another commit", "2025-02-01T10:00:00+07:00")
        repo = shallow_clone(repo, tmp_path / "clone")
    engine = prepare(repo.path)
    assert engine.code == 1 and engine.output.startswith("Error: ")
    assert_refused(build_cli(repo.path), engine.output.removeprefix("Error: ").strip())
