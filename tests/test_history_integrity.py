"""History read without ambiguity and without silent surprises: hostile git metadata,
committed symlinks, empty notices, clocks, and restructures that move every notice."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess

import pytest

from gitrepo import BASE_ENV, GitRepo
from maklumat.history import clock, gitlog
from maklumat.errors import MaklumatError
from maklumat.publish.feeds import build_feeds
from maklumat.history.gitlog import Change, pair_renames
from maklumat.history.notices import load_history
from maklumat.publish.manifest import build_manifest
from maklumat.model import Settings
from maklumat.publish.plan import plan_language

SITE = "https://privasi.seruni.example/"
SETTINGS = Settings(site_url=SITE, build_date=dt.date(2026, 1, 1), messages_lang="en")
ID, EN = "docs/id/privacy.md", "docs/en/privacy.md"


def notice(n: int = 30, lang: str = "id", effective: str | None = None) -> str:
    head = f"---\neffective: {effective}\n---\n" if effective else ""
    title = "Kebijakan Privasi" if lang == "id" else "Privacy Notice"
    return f"{head}# {title}\n\n## Data\n\nKami menyimpan data selama {n} hari.\n"


def load(repo: GitRepo, settings: Settings = SETTINGS):
    return load_history(repo.path, settings)


@pytest.fixture
def repo(tmp_path) -> GitRepo:
    return GitRepo.init(tmp_path / "r")


def raw_commit(repo: GitRepo, message: bytes, date: str) -> str:
    """A commit whose message holds exactly these bytes (control characters included)."""
    repo.git("add", "-A")
    env = {**os.environ, **BASE_ENV, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_DATE": date}
    subprocess.run(["git", "commit", "-q", "--allow-empty", "--cleanup=verbatim", "-F", "-"], cwd=repo.path,
                   env=env, input=message, check=True)
    return repo.head()


# --- 16.2: git metadata is read by NUL-separated fields only ---------------------------------

def test_a_subject_cannot_forge_an_editorial_trailer(repo):
    repo.write(ID, notice(30))
    repo.commit("Terbitkan", "2025-01-02T10:00:00+07:00")
    repo.write(ID, notice(60))
    sha = raw_commit(repo, b"Big material change\x1fNotice-Change: editorial\n", "1736000000 +0700")
    repo.write(ID, notice(90))
    raw_commit(repo, b"Record \x1e separator\x1e\x1f and NUL-free\n\nbody \x1e\n\nNotice-Summary: real \x1f one\n",
               "1736100000 +0700")
    h = load(repo)
    versions = h.notices["privacy"].files["id"].versions
    assert [v.editorial for v in versions] == [False, False, False]
    assert versions[1].id == sha[:12]
    assert versions[1].summary == "Big material change\x1fNotice-Change: editorial"
    assert versions[2].summary == "real \x1f one"        # the trailer block's own value
    f = h.notices["privacy"].files["id"]
    assert f.last_material(dt.date(2026, 1, 1)).id == versions[2].id
    assert len(json.loads(build_feeds(h, "id", "Seruni")["feed.json"])["items"]) == 3


def test_trailers_only_from_the_last_paragraph(repo):
    repo.write(ID, notice(30))
    repo.commit("Terbitkan", "2025-01-02T10:00:00+07:00", body="Notice-Change: editorial\n\nExplained here.")
    assert load(repo).notices["privacy"].files["id"].versions[0].editorial is False


@pytest.mark.parametrize("name", ["a\x1eb", "a\x1fb", "new\nline", 'quo"te', "sp ace", "tab\tx", "ünï"])
def test_odd_file_names(repo, name):
    path = f"docs/id/{name}.md"
    repo.write(path, notice(30))
    repo.commit("Terbitkan", "2025-01-02T10:00:00+07:00")
    repo.write(path, notice(31))
    repo.commit("Ubah", "2025-01-03T10:00:00+07:00")
    repo.rename(path, f"docs/id/{name}-2.md")
    repo.commit("Ganti nama", "2025-01-04T10:00:00+07:00")
    h = load(repo)
    f = h.notices[f"{name}-2"].files["id"]
    assert [v.path for v in f.versions] == [path, path] and f.former_keys == (name,)
    for v in f.versions:
        assert hashlib.sha256(repo.blob_bytes(v.commit, v.path)).hexdigest() == v.sha256
    json.loads(build_manifest(h))


def test_rename_pairing_survives_git_giving_up():
    """A deletion and an addition of the same blob in one commit are a rename, even when git's
    rename detection reported them apart (rename limit, older git)."""
    blob = "ab" * 20
    changes = [Change("D", "docs/privacy/id.md", None, "0" * 40, "100644", blob),
               Change("A", "docs/id/privacy.md", None, blob, "100644"),
               Change("A", "docs/id/other.md", None, "cd" * 20, "100644")]
    assert [(c.status, c.path, c.old_path) for c in pair_renames(changes)] == [
        ("R", "docs/id/privacy.md", "docs/privacy/id.md"), ("A", "docs/id/other.md", None)]


# --- 16.4 (git): committed symlinks are refused, never followed -----------------------------

def test_a_committed_symlink_notice_is_refused(repo, tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("# Rahasia\n\nadmin@runner.example\n", encoding="utf-8")
    repo.write(ID, notice(30))
    repo.commit("Terbitkan", "2025-01-02T10:00:00+07:00")
    (repo.path / "docs/en").mkdir(parents=True)
    os.symlink(str(secret), repo.path / EN)
    repo.commit("Link", "2025-01-03T10:00:00+07:00")
    with pytest.raises(MaklumatError) as err:
        load(repo)
    assert err.value.path == EN and "symbolic link" in err.value.message
    assert "admin@runner.example" not in str(err.value)
    os.unlink(repo.path / EN)
    repo.write(EN, notice(30, "en"))
    repo.commit("Copy instead", "2025-01-04T10:00:00+07:00")
    f = load(repo).notices["privacy"].files["en"]
    assert [v.summary for v in f.versions] == ["Copy instead"]     # the link was never a version


def test_check_refuses_a_committed_symlink(repo, capsys):
    from maklumat import cli
    repo.write("mkdocs.yml", "site_name: x\nplugins:\n  - i18n:\n      languages:\n        - locale: id\n"
                             "          name: ID\n          default: true\n        - locale: en\n          name: EN\n")
    repo.write(ID, notice(30))
    (repo.path / "docs/en").mkdir(parents=True)
    os.symlink("../id/privacy.md", repo.path / EN)
    repo.commit("Link", "2025-01-03T10:00:00+07:00")
    assert cli.main(["check", "--repo", str(repo.path)]) == 2
    assert f"error: {EN}: adalah tautan simbolis" in capsys.readouterr().err   # the working tree's check
    # The link replaced by a file in the working tree only: the committed link is still refused.
    (repo.path / EN).unlink()
    repo.write(EN, notice(30))
    assert cli.main(["check", "--repo", str(repo.path)]) == 2
    assert f"error: {EN}: pemberitahuan ini di-commit sebagai tautan simbolis" in capsys.readouterr().err


# --- 16.8: empty notices -------------------------------------------------------------------

@pytest.mark.parametrize("text,line,what", [("", 1, "no text"), ("\n\n", 1, "no text"),
                                             ("---\neffective: 2025-01-02\n---\n", 4, "only front matter"),
                                             ("---\ntitle: x\n---\n\n<!-- todo -->\n", 4, "only front matter")])
def test_an_empty_notice_at_the_tip_is_refused(repo, text, line, what):
    repo.write(ID, text)
    repo.commit("Kosong", "2025-01-02T10:00:00+07:00")
    with pytest.raises(MaklumatError) as err:
        load(repo)
    assert (err.value.path, err.value.line) == (ID, line) and what in err.value.message


def test_an_old_empty_version_stays_archived(repo):
    repo.write(ID, "---\neffective: 2025-01-02\n---\n")
    repo.commit("Kosong", "2025-01-02T10:00:00+07:00")
    repo.write(ID, notice(30))
    repo.commit("Isi", "2025-01-03T10:00:00+07:00")
    assert len(load(repo).notices["privacy"].files["id"].versions) == 2


# --- 16.6: clocks ----------------------------------------------------------------------------

def test_a_commit_from_the_future_is_refused_while_new(repo):
    repo.write(ID, notice(30))
    repo.commit("Terbitkan", "2025-01-02T10:00:00+07:00")
    repo.write(ID, notice(60))
    repo.commit("Jam salah", "2030-01-01T10:00:00+07:00")
    with pytest.raises(MaklumatError) as err:
        load(repo)
    assert "is dated 2030-01-01 10:00 WIB, after the build date 2026-01-01" in err.value.message
    assert err.value.path == ID
    # once another commit is on top it is history: reported on every build, never blocking
    repo.write(ID, notice(61))
    repo.commit("Berikutnya", "2030-01-02T10:00:00+07:00", author_date="2025-01-05T10:00:00+07:00")
    with pytest.raises(MaklumatError):
        load(repo)         # the new tip is from the future too
    h = load(repo, Settings(site_url=SITE, build_date=dt.date(2030, 1, 3), messages_lang="en"))
    assert h.notes == []


def test_a_fix_after_a_future_dated_commit_is_not_blocked(repo):
    """The commit after one from 2030 is earlier than it, but its clock is not the wrong one:
    the site can be published again at once, with the 2030 version reported."""
    repo.write(ID, notice(30))
    repo.commit("Terbitkan", "2025-01-02T10:00:00+07:00")
    repo.write(ID, notice(60))
    repo.commit("Jam salah", "2030-01-01T10:00:00+07:00")
    repo.write(ID, notice(61))
    repo.commit("Perbaikan", "2025-01-06T10:00:00+07:00")
    notes = load(repo).notes
    assert len(notes) == 1 and "is dated 2030-01-01 10:00 WIB, after the build date 2026-01-01" in notes[0]


def test_old_clock_problems_are_notes_not_errors(repo):
    repo.write(ID, notice(30))
    repo.commit("Terbitkan", "2025-01-05T10:00:00+07:00")
    repo.write(ID, notice(60))
    repo.commit("Jam mundur", "2025-01-03T10:00:00+07:00")
    with pytest.raises(MaklumatError) as err:
        load(repo)
    assert "is dated 2025-01-03 10:00 WIB, earlier than the version before it" in err.value.message
    repo.write(ID, notice(61))
    repo.commit("Berikutnya", "2025-01-06T10:00:00+07:00")
    notes = load(repo).notes
    assert len(notes) == 1 and notes[0].startswith(f"{ID}: note: version ")
    assert "earlier than the version before it" in notes[0] and "does not stop the build" in notes[0]
    (catatan,) = load(repo, Settings(site_url=SITE, build_date=dt.date(2026, 1, 1), messages_lang="id")).notes
    assert catatan.startswith(f"{ID}: catatan: versi ") and "bertanggal 2025-01-03 10:00 WIB, lebih awal" in catatan
    assert catatan.endswith("hanya dilaporkan dan tidak menghentikan pembuatan situs.")


def test_backdated_effective_that_replaces_a_version_before_it_took_effect(repo):
    repo.write(ID, notice(30, effective="2025-01-10"))
    repo.commit("Terbitkan", "2025-01-02T10:00:00+07:00")
    repo.write(ID, notice(60, effective="2025-01-05"))
    repo.commit("Mundur", "2025-02-01T10:00:00+07:00")
    with pytest.raises(MaklumatError) as err:
        load(repo)
    assert "published on 2025-02-01 but says 'effective: 2025-01-05'" in err.value.message
    with pytest.raises(MaklumatError) as err:
        load(repo, Settings(site_url=SITE, build_date=dt.date(2026, 1, 1), messages_lang="id"))
    assert "terbit pada 2025-02-01 tetapi menyebut 'effective: 2025-01-05'" in err.value.message
    assert "Langkah berikutnya: betulkan 'effective:' dalam commit ini" in err.value.message


def test_retroactive_effective_is_a_note_and_replacing_an_upcoming_version_is_fine(repo):
    repo.write(ID, notice(30, effective="2024-12-01"))      # a migrated first version
    repo.commit("Terbitkan", "2025-01-02T10:00:00+07:00")
    repo.write(ID, notice(60, effective="2025-03-01"))
    repo.commit("Umumkan", "2025-02-01T10:00:00+07:00")
    repo.write(ID, notice(61, effective="2025-02-20"))      # replaces the upcoming one, not backdated
    repo.commit("Lebih awal", "2025-02-10T10:00:00+07:00")
    h = load(repo)
    assert [p.kind for p in clock.problems(h)] == ["effective-before-published"]
    assert "says 'effective: 2024-12-01', before it was published on 2025-01-02" in h.notes[0]


# --- 11.3: restructures into docs/<lang>/ ------------------------------------------------------

def restructured(repo: GitRepo) -> dict[str, str]:
    """Notices kept as docs/<notice>/<locale>.md for a year, then moved to docs/<lang>/<notice>.md
    in one commit (pure renames), then one edit. Returns the commit ids by name."""
    shas = {}
    for name in ("privacy", "cookies", "terms"):
        repo.write(f"docs/{name}/id.md", notice(30))
        repo.write(f"docs/{name}/en.md", notice(30, "en"))
    shas["first"] = repo.commit("Terbitkan", "2024-01-02T10:00:00+07:00")
    repo.write("docs/privacy/id.md", notice(45))
    repo.write("docs/privacy/en.md", notice(45, "en"))
    shas["privacy45"] = repo.commit("Retensi 45", "2024-06-01T10:00:00+07:00")
    repo.write("docs/cookies/id.md", notice(30).replace("\n\n", "\n\n\n"))   # invisible
    shas["invisible"] = repo.commit("Spasi", "2024-07-01T10:00:00+07:00")
    for name in ("privacy", "cookies", "terms"):
        for lang in ("id", "en"):
            repo.rename(f"docs/{name}/{lang}.md", f"docs/{lang}/{name}.md")
    shas["restructure"] = repo.commit("Struktur baru", "2025-01-10T10:00:00+07:00")
    repo.write("docs/id/terms.md", notice(90))
    repo.write("docs/en/terms.md", notice(90, "en"))
    shas["terms90"] = repo.commit("Retensi 90", "2025-02-01T10:00:00+07:00")
    return shas


def test_a_restructure_keeps_every_earlier_version(repo):
    shas = restructured(repo)
    h = load(repo)
    on = dt.date(2026, 1, 1)
    privacy = h.notices["privacy"].files["id"]
    assert [v.commit for v in privacy.versions] == [shas["first"], shas["privacy45"]]
    assert [v.path for v in privacy.versions] == ["docs/privacy/id.md", "docs/privacy/id.md"]
    assert [v.url for v in privacy.versions] == [f"privacy/versions/{shas[k][:12]}/" for k in ("first", "privacy45")]
    assert privacy.last_material(on).commit == shas["privacy45"]       # not the restructure day
    cookies = h.notices["cookies"].files["en"]
    assert [v.commit for v in cookies.versions] == [shas["first"]]
    assert h.notices["terms"].files["id"].last_material(on).commit == shas["terms90"]
    assert privacy.former_keys == ()            # docs/privacy/id.md never had a notice URL
    for f in (privacy, cookies):
        for v in f.versions:
            assert hashlib.sha256(repo.blob_bytes(v.commit, v.path)).hexdigest() == v.sha256
    pages = {(p.kind, p.path) for p in plan_language(h, "id")}
    assert ("version", f"privacy/versions/{shas['first'][:12]}.md") in pages
    assert not any(k == "moved" for k, _ in pages)


def test_urls_stay_when_the_restructured_notice_is_renamed_again(repo):
    shas = restructured(repo)
    before = {v["url"] for v in json.loads(build_manifest(load(repo)))["notices"]["privacy"]["languages"]["id"]["versions"]}
    repo.rename("docs/id/privacy.md", "docs/id/data-pribadi.md")
    repo.commit("Ganti nama", "2025-03-01T10:00:00+07:00")
    h = load(repo)
    f = h.notices["data-pribadi"].files["id"]
    assert {SITE + v.url for v in f.versions} == before and f.former_keys == ("privacy",)
    assert ("moved", "privacy.md") in {(p.kind, p.path) for p in plan_language(h, "id")}
    assert [v.commit for v in f.versions] == [shas["first"], shas["privacy45"]]


def test_a_restructure_git_does_not_pair_is_paired_by_blob(repo, monkeypatch):
    """With rename detection switched off (what a rename limit does to a big restructure),
    the identical blobs still pair up."""
    from maklumat.history import gitlog
    shas = restructured(repo)

    def no_renames(repo_, pathspec="*.md"):
        out = repo_.git.log("--first-parent", "--diff-merges=first-parent", "--no-renames", "--raw", "-z",
                            "--no-abbrev", "--reverse", f"--format={gitlog._FORMAT}", "--", pathspec,
                            stdout_as_string=False, strip_newline_in_stdout=False)
        return gitlog.parse_log(out)
    monkeypatch.setattr("maklumat.history.notices.first_parent_commits", no_renames)
    h = load(repo)
    assert [v.commit for v in h.notices["privacy"].files["id"].versions] == [shas["first"], shas["privacy45"]]
    assert [c.status for c in no_renames(gitlog.open_repo(repo.path))[3].changes] == ["R"] * 6


def test_the_repositorys_git_config_does_not_change_the_reading(repo):
    repo.write(ID, notice(30))
    repo.commit("Terbitkan ünï", "2025-01-02T10:00:00+07:00")
    repo.rename(ID, "docs/id/data.md")
    repo.commit("Ganti nama", "2025-01-03T10:00:00+07:00", trailers=("Notice-Change: editorial",))
    before = json.loads(build_manifest(load(repo)))
    for key, value in (("log.follow", "true"), ("log.showSignature", "true"), ("diff.relative", "true"),
                       ("diff.renames", "false"), ("diff.renameLimit", "1"), ("i18n.logOutputEncoding", "ISO-8859-1"),
                       ("core.quotePath", "true"), ("log.decorate", "full"), ("color.ui", "always")):
        repo.git("config", key, value)
    gitlog._COMMITS.clear()   # (the same HEAD: the process's memo would answer without running git log)
    assert json.loads(build_manifest(load(repo))) == before


def test_the_log_is_read_again_for_a_new_head_or_a_replaced_commit(repo, monkeypatch):
    """gitlog.first_parent_commits keeps one reading per process (mkdocs serve asks on every
    save): the same HEAD is not read again; a new commit, or a replace ref that gives the
    same HEAD another history, is."""
    runs = []
    real = gitlog._log
    monkeypatch.setattr(gitlog, "_log", lambda *a: runs.append(1) or real(*a))
    repo.write(ID, notice(30))
    first = repo.commit("Terbitkan", "2025-01-02T10:00:00+07:00")
    git_repo = gitlog.open_repo(repo.path)
    once = gitlog.first_parent_commits(git_repo)
    assert gitlog.first_parent_commits(git_repo) == once and len(runs) == 1
    repo.write(ID, notice(31))
    second = repo.commit("Ubah", "2025-01-03T10:00:00+07:00")
    assert [c.sha for c in gitlog.first_parent_commits(git_repo)] == [first, second] and len(runs) == 2
    repo.git("replace", "--graft", second)   # the second commit without a parent: its history is itself
    assert [c.sha for c in gitlog.first_parent_commits(git_repo)] == [second] and len(runs) == 3


def test_a_rename_into_another_languages_folder_keeps_the_old_urls(repo):
    """Found by the fuzzer: git paired docs/en/cookies.md with a new docs/id/ file of the same
    bytes. A notice moved to another language's folder is a new notice there; the English
    versions stay at their English URLs."""
    repo.write("docs/en/cookies.md", notice(30, "en"))
    first = repo.commit("Cookies", "2025-01-02T10:00:00+07:00")
    before = json.loads(build_manifest(load(repo)))
    repo.rename("docs/en/cookies.md", "docs/id/kuki.md")
    second = repo.commit("Pindah", "2025-01-03T10:00:00+07:00")
    h = load(repo)
    from maklumat.history import guard
    assert guard.compare(before, json.loads(build_manifest(h))) == []
    en, kuki = h.notices["cookies"].files["en"], h.notices["kuki"].files["id"]
    assert en.withdrawn_at is not None and [v.commit for v in en.versions] == [first]
    assert [v.commit for v in kuki.versions] == [second] and kuki.former_keys == ()
