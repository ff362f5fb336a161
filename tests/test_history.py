"""The history engine (maklumat/history.py) on small git repositories built per test.

Each test builds its own history in tmp_path with fixed dates (tests/gitrepo.py) and
checks one rule of what a version is, when it was published and where it lives.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import time
from zoneinfo import ZoneInfo

import pytest

from gitrepo import GitRepo, run_git, shallow_clone
from maklumat.markdown import frontmatter
from maklumat.markdown import visible
from maklumat.errors import MaklumatError
from maklumat.publish.feeds import build_feeds
from maklumat.history.notices import load_history
from maklumat.publish.manifest import build_manifest
from maklumat.publish import status
from maklumat.model import Settings
from maklumat.publish.plan import plan_language
from maklumat.publish.site import SiteBuild

JKT = ZoneInfo("Asia/Jakarta")
SITE = "https://privasi.seruni.example/"
SETTINGS = Settings(site_url=SITE, build_date=dt.date(2026, 1, 1), messages_lang="en")
ID, EN = "docs/id/privacy.md", "docs/en/privacy.md"
PARA = ("Kami memproses nama, nomor telepon, dan alamat surel Anda\n"
        "untuk menyelesaikan pesanan layanan kebersihan dan\n"
        "perbaikan rumah yang Anda buat di aplikasi Seruni.")


def text(title="Kebijakan Privasi", para=PARA, extra="", effective=None):
    head = f"---\neffective: {effective}\n---\n\n" if effective else ""
    return f"{head}# {title}\n\n## Data yang kami kumpulkan\n\n{para}\n{extra}"


def english(extra="", effective=None):
    return text("Privacy Notice", "We process your name and phone number to complete orders.",
                extra, effective)


def load(repo: GitRepo, settings: Settings = SETTINGS, **kw):
    return load_history(repo.path, settings, **kw)


def ids(f):
    return [v.id for v in f.versions]


def pages(history, lang):
    return {(p.kind, p.path) for p in plan_language(history, lang)}


def pair_problems(history, repo: GitRepo) -> list[str]:
    return SiteBuild(history, repo_root=repo.path, include_drafts=False).problems


@pytest.fixture
def repo(tmp_path) -> GitRepo:
    return GitRepo.init(tmp_path / "repo")


@pytest.fixture
def published(repo) -> tuple[GitRepo, str]:
    """A bilingual privacy notice, one commit, plus the two home pages."""
    repo.write("docs/id/index.md", "# Beranda\n")
    repo.write("docs/en/index.md", "# Home\n")
    repo.write(ID, text())
    repo.write(EN, english())
    return repo, repo.commit("Terbitkan pemberitahuan privasi", "2025-01-03T10:00:00+07:00")


# --- discovery --------------------------------------------------------------------

def test_notices_are_every_md_under_a_language_except_its_home(repo):
    for lang in ("id", "en"):
        repo.write(f"docs/{lang}/index.md", "# Home\n")
        repo.write(f"docs/{lang}/privacy.md", text())
        repo.write(f"docs/{lang}/legal/terms.md", text("Ketentuan"))
        repo.write(f"docs/{lang}/legal/index.md", text("Hukum"))
        repo.write(f"docs/{lang}/logo.png", b"\x89PNG\r\n")
    repo.write("docs/fr/privacy.md", text())          # not a configured language
    repo.write("docs/assets/notes.md", text())        # not under a language
    repo.write("README.md", text())
    repo.commit("Publish", "2025-01-03T10:00:00+07:00")
    h = load(repo)
    assert sorted(h.notices) == ["legal/index", "legal/terms", "privacy"]
    for key, notice in h.notices.items():
        assert sorted(notice.files) == ["en", "id"]
        assert notice.files["en"].path == f"docs/en/{key}.md"
    assert h.notices["legal/terms"].files["id"].url == "legal/terms/"
    assert h.notices["legal/index"].files["id"].url == "legal/"


def test_version_fields(published):
    repo, sha = published
    h = load(repo)
    (v,) = h.notices["privacy"].files["id"].versions
    assert (v.id, v.commit, v.seq, v.lang, v.key, v.path) == (sha[:12], sha, 0, "id", "privacy", ID)
    assert v.blob == repo.git("rev-parse", f"{sha}:{ID}").strip()
    assert v.title == "Kebijakan Privasi"
    assert v.url == f"privacy/versions/{sha[:12]}/"
    assert h.head == sha
    assert h.text(v) == text()


# --- what is a version ------------------------------------------------------------

INVISIBLE = {
    "bom": lambda t: "\ufeff" + t,
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "trailing_spaces": lambda t: "\n".join(line + (" " if line else "   ") for line in t.split("\n")),
    "trailing_blank_lines": lambda t: t + "\n\n\n",
    "rewrap": lambda t: t.replace(PARA, " ".join(PARA.split("\n"))),
    "rewrap_narrow": lambda t: t.replace(PARA, PARA.replace(", ", ",\n")),
    "nbsp": lambda t: t.replace("nomor telepon", "nomor\u00a0telepon"),
}


@pytest.mark.parametrize("change", sorted(INVISIBLE))
def test_invisible_change_is_no_version(published, change):
    repo, first = published
    before = repo.read(ID).decode()
    after = INVISIBLE[change](before)
    assert after != before
    repo.write(ID, after)
    hidden = repo.commit(f"Invisible: {change}", "2025-02-01T10:00:00+07:00")
    assert repo.blob_bytes(hidden, ID) == after.encode()      # git kept the bytes we wrote
    f = load(repo).notices["privacy"].files["id"]
    assert ids(f) == [first[:12]]


def test_invisible_changes_stacked_then_a_visible_one(published):
    repo, first = published
    t = repo.read(ID).decode()
    for i, name in enumerate(("rewrap", "nbsp", "trailing_spaces", "trailing_blank_lines", "bom", "crlf")):
        before, t = t, INVISIBLE[name](t)
        assert t != before
        repo.write(ID, t)
        repo.commit(name, f"2025-02-0{i + 1}T10:00:00+07:00")
    repo.write(ID, t.replace("alamat surel", "alamat email"))
    visible_sha = repo.commit("Ganti istilah", "2025-03-01T10:00:00+07:00")
    f = load(repo).notices["privacy"].files["id"]
    assert ids(f) == [first[:12], visible_sha[:12]]


VISIBLE = {
    "word": lambda t: t.replace("alamat surel", "alamat email"),
    "heading_level": lambda t: t.replace("## Data", "### Data"),
    "link_target": lambda t: t + "\nHubungi [kami](mailto:dpo@seruni.example).\n",
    "effective": lambda t: "---\neffective: 2025-02-01\n---\n\n" + t,
    # Two links written together read as one word: the space between them shows.
    "space_between_links": lambda t: t.replace("[a](x) [b](y)", "[a](x)[b](y)"),
    # Two trailing spaces inside a paragraph are a Markdown hard line break: a reader sees it.
    "hard_break": lambda t: t.replace("kebersihan dan\n", "kebersihan dan  \n"),
}


@pytest.mark.parametrize("change", sorted(VISIBLE))
def test_visible_change_is_a_version(repo, change):
    repo.write(ID, text(extra="\nLihat [a](x) [b](y).\n"))
    first = repo.commit("Publish", "2025-01-03T10:00:00+07:00")
    after = VISIBLE[change](repo.read(ID).decode())
    repo.write(ID, after)
    second = repo.commit(f"Visible: {change}", "2025-02-01T10:00:00+07:00")
    f = load(repo).notices["privacy"].files["id"]
    assert ids(f) == [first[:12], second[:12]]


def test_a_revert_is_a_version_and_repeated_blobs_are_read_once(published, monkeypatch):
    repo, first = published
    original = repo.read(ID)
    repo.write(ID, text(extra="\nTambahan.\n"))
    second = repo.commit("Tambah", "2025-02-01T10:00:00+07:00")
    repo.write(ID, original)
    third = repo.commit("Revert", "2025-03-01T10:00:00+07:00")
    calls = _count_fingerprints(monkeypatch)
    f = load(repo).notices["privacy"].files["id"]
    assert ids(f) == [first[:12], second[:12], third[:12]]
    assert f.versions[0].blob == f.versions[2].blob
    assert len(calls) == 3          # id: 2 distinct blobs, en: 1


# --- merges: first parent only -----------------------------------------------------

def test_merge_counts_once_at_the_merge_commit(published):
    repo, first = published
    repo.branch("perubahan")
    repo.write(ID, text(extra="\nDraf pertama.\n"))
    side1 = repo.commit("Draft 1", "2025-02-01T10:00:00+07:00")
    repo.write(ID, text(extra="\nDraf kedua.\n"))
    side2 = repo.commit("Draft 2", "2025-02-02T10:00:00+07:00")
    repo.switch("main")
    repo.write("README.md", "Seruni\n")
    repo.commit("Readme", "2025-02-03T10:00:00+07:00")
    merge = repo.merge("perubahan", "Merge pull request #7", "2025-02-10T16:00:00+00:00",
                       trailers=("Notice-Summary: Retensi data diperjelas",))
    h = load(repo)
    f = h.notices["privacy"].files["id"]
    assert ids(f) == [first[:12], merge[:12]]
    assert not {side1[:12], side2[:12]} & {v.id for n in h.notices.values()
                                          for g in n.files.values() for v in g.versions}
    v = f.versions[-1]
    assert v.published == dt.datetime(2025, 2, 10, 23, 0, tzinfo=JKT)
    assert v.published.utcoffset() == dt.timedelta(hours=7)
    assert v.summary == "Retensi data diperjelas"
    assert h.text(v) == text(extra="\nDraf kedua.\n")
    assert ids(h.notices["privacy"].files["en"]) == [first[:12]]   # untouched by the merge


def test_no_ff_merge_when_main_did_not_move(published):
    # The merge's docs tree equals the side branch's: git must still follow the first parent.
    repo, first = published
    repo.branch("topic")
    repo.write(ID, text(extra="\nSatu.\n"))
    side = repo.commit("Side", "2025-02-01T10:00:00+07:00")
    repo.switch("main")
    merge = repo.merge("topic", "Merge topic", "2025-02-05T10:00:00+07:00")
    f = load(repo).notices["privacy"].files["id"]
    assert ids(f) == [first[:12], merge[:12]]
    assert side[:12] not in ids(f)


def test_unmerged_branch_is_not_history(published):
    repo, first = published
    repo.branch("draft")
    repo.write(ID, text(extra="\nBelum disetujui.\n"))
    repo.commit("Draft", "2025-02-01T10:00:00+07:00")
    repo.switch("main")
    assert ids(load(repo).notices["privacy"].files["id"]) == [first[:12]]


# --- trailers ------------------------------------------------------------------------

def test_editorial_change_is_archived_but_does_not_move_last_updated(published):
    repo, first = published
    repo.write(ID, text(para=PARA.replace("surel", "surel (email)")))
    editorial = repo.commit("Perjelas istilah", "2025-02-01T10:00:00+07:00",
                            trailers=("Notice-Change: editorial",))
    h = load(repo)
    f = h.notices["privacy"].files["id"]
    assert ids(f) == [first[:12], editorial[:12]]
    assert [v.editorial for v in f.versions] == [False, True]
    on = h.settings.build_date
    assert f.in_force(on).id == editorial[:12]
    assert f.last_material(on).id == first[:12]
    feed = json.loads(build_feeds(h, "id", "Seruni")["feed.json"])
    assert any(item["id"].endswith(first[:12]) for item in feed["items"])
    assert not any(item["id"].endswith(editorial[:12]) for item in feed["items"])
    manifest = json.loads(build_manifest(h))["notices"]["privacy"]["languages"]["id"]
    assert manifest["last_updated"] == "2025-01-03T10:00:00+07:00"
    assert manifest["current_version"] == editorial[:12]

    repo.write(ID, text(para=PARA + " Data disimpan lima tahun."))
    material = repo.commit("Retensi", "2025-03-01T10:00:00+07:00")
    f = load(repo).notices["privacy"].files["id"]
    assert f.last_material(on).id == material[:12]


def test_summary_trailer_wins_over_subject_and_translation_trailer(published):
    repo, first = published
    repo.write(ID, text(extra="\nSatu.\n"))
    with_trailer = repo.commit("Ubah bagian data", "2025-02-01T10:00:00+07:00",
                               body="Penjelasan panjang untuk peninjau.",
                               trailers=("Notice-Summary: Data lokasi tidak lagi dikumpulkan",
                                         "Notice-Translation: not-needed"))
    repo.write(ID, text(extra="\nDua.\n"))
    repo.commit("Tambah kalimat kedua", "2025-03-01T10:00:00+07:00")
    f = load(repo).notices["privacy"].files["id"]
    assert [v.summary for v in f.versions] == [
        "Terbitkan pemberitahuan privasi", "Data lokasi tidak lagi dikumpulkan", "Tambah kalimat kedua"]
    assert [v.translation_not_needed for v in f.versions] == [False, True, False]
    assert f.versions[1].id == with_trailer[:12]


# --- dates ---------------------------------------------------------------------------

@pytest.fixture
def los_angeles(monkeypatch):
    """The builder's own time zone must not matter."""
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_published_is_the_committer_date_in_jakarta_even_across_midnight(repo, los_angeles):
    repo.write(ID, text())
    sha = repo.commit("Publish", "2025-03-31T23:30:00+00:00", author_date="2025-03-01T08:00:00+00:00")
    h = load(repo)
    (v,) = h.notices["privacy"].files["id"].versions
    assert v.published == dt.datetime(2025, 4, 1, 6, 30, tzinfo=JKT)
    assert v.published.isoformat() == "2025-04-01T06:30:00+07:00"
    assert v.effective == dt.date(2025, 4, 1)          # the default is the Jakarta date
    entry = json.loads(build_manifest(h))["notices"]["privacy"]["languages"]["id"]["versions"][0]
    assert (entry["id"], entry["published"], entry["effective"]) == (
        sha[:12], "2025-04-01T06:30:00+07:00", "2025-04-01")


def test_future_effective_date_is_upcoming_until_its_day(repo):
    repo.write(ID, text(effective="2025-01-10"))
    first = repo.commit("Publish", "2025-01-03T10:00:00+07:00")
    repo.write(ID, text(para=PARA + " Baru.", effective="2025-07-01"))
    second = repo.commit("Announce", "2025-06-01T10:00:00+07:00")
    # Each day is built from the commit that existed then (a later commit would be dated
    # after the build date: clock.py refuses that for the commit being built).
    for day, head, current, upcoming in (
            (dt.date(2025, 1, 5), first, None, [first]),
            (dt.date(2025, 6, 15), second, first, [second]),
            (dt.date(2025, 6, 30), second, first, [second]),
            (dt.date(2025, 7, 1), second, second, [])):
        repo.git("checkout", "-q", "--detach", head)
        h = load(repo, Settings(site_url=SITE, build_date=day))
        f = h.notices["privacy"].files["id"]
        on = h.settings.build_date
        assert (f.in_force(on).id if f.in_force(on) else None) == (current[:12] if current else None)
        assert [v.id for v in f.upcoming(on)] == [u[:12] for u in upcoming]
        entry = json.loads(build_manifest(h))["notices"]["privacy"]["languages"]["id"]
        assert entry["upcoming"] == [u[:12] for u in upcoming]
    assert [v.effective for v in f.versions] == [dt.date(2025, 1, 10), dt.date(2025, 7, 1)]
    assert status.status(f, f.versions[0], on).end == dt.date(2025, 7, 1)   # replaced on that day


# --- renames, deletions, permanence ------------------------------------------------------

def test_rename_keeps_old_versions_at_their_urls(published):
    repo, first = published
    repo.write(ID, text(extra="\nDua.\n"))
    second = repo.commit("Edit", "2025-02-01T10:00:00+07:00")
    h0 = load(repo)
    archived = {v.id: (v.url, h0.text(v), v.sha256) for v in h0.notices["privacy"].files["id"].versions}
    for lang in ("id", "en"):
        repo.rename(f"docs/{lang}/privacy.md", f"docs/{lang}/data-pribadi.md")
    renamed = repo.commit("Ganti nama", "2025-03-01T10:00:00+07:00")
    repo.write("docs/id/data-pribadi.md", text(extra="\nTiga.\n"))
    third = repo.commit("Edit after rename", "2025-04-01T10:00:00+07:00")
    h = load(repo)
    assert "privacy" not in h.notices
    f = h.notices["data-pribadi"].files["id"]
    assert (f.key, f.path, f.former_keys) == ("data-pribadi", "docs/id/data-pribadi.md", ("privacy",))
    assert ids(f) == [first[:12], second[:12], third[:12]]       # a pure rename is no version
    assert renamed[:12] not in ids(f)
    assert [v.key for v in f.versions] == ["privacy", "privacy", "data-pribadi"]
    assert [v.path for v in f.versions] == [ID, ID, "docs/id/data-pribadi.md"]
    for v in f.versions[:2]:
        assert (v.url, h.text(v), v.sha256) == archived[v.id]
    assert f.versions[2].url == f"data-pribadi/versions/{third[:12]}/"
    plan = pages(h, "id")
    assert {("moved", "privacy.md"), ("current", "data-pribadi.md"),
            ("history", "data-pribadi/versions/index.md"),
            ("version", f"privacy/versions/{first[:12]}.md"),
            ("version", f"privacy/versions/{second[:12]}.md"),
            ("changes", f"privacy/versions/{second[:12]}/changes.md"),
            ("version", f"data-pribadi/versions/{third[:12]}.md")} <= plan
    moved = next(p for p in plan_language(h, "id") if p.kind == "moved")
    assert moved.other is f and moved.url == "privacy/"
    assert ("moved", "privacy.md") in pages(h, "en")


def test_rename_with_an_edit_in_the_same_commit(published):
    repo, first = published
    repo.rename(ID, "docs/id/data-pribadi.md")
    repo.write("docs/id/data-pribadi.md", text(extra="\nKalimat baru.\n"))
    both = repo.commit("Rename and edit", "2025-02-01T10:00:00+07:00")
    f = load(repo).notices["data-pribadi"].files["id"]
    assert ids(f) == [first[:12], both[:12]]
    assert [v.key for v in f.versions] == ["privacy", "data-pribadi"]
    assert f.former_keys == ("privacy",)


def test_deleted_notice_is_withdrawn_and_keeps_its_versions(published):
    repo, first = published
    repo.write(ID, text(extra="\nDua.\n"))
    second = repo.commit("Edit", "2025-02-01T10:00:00+07:00")
    repo.delete(ID)
    repo.delete(EN)
    repo.commit("Cabut pemberitahuan", "2025-03-01T03:00:00+00:00")
    h = load(repo)
    f = h.notices["privacy"].files["id"]
    assert f.withdrawn_at == dt.datetime(2025, 3, 1, 10, 0, tzinfo=JKT)
    assert ids(f) == [first[:12], second[:12]]
    assert h.text(f.versions[1]) == text(extra="\nDua.\n")
    plan = pages(h, "id")
    assert ("withdrawn", "privacy.md") in plan
    assert ("history", "privacy/versions/index.md") in plan
    assert {("version", f"privacy/versions/{v.id}.md") for v in f.versions} <= plan
    assert not any(kind == "current" for kind, _ in plan)
    entry = json.loads(build_manifest(h))["notices"]["privacy"]["languages"]["id"]
    assert (entry["status"], entry["withdrawn"]) == ("withdrawn", "2025-03-01T10:00:00+07:00")
    assert pair_problems(h, repo) == []

    repo.write(ID, text(extra="\nDua.\n"))          # restored: the same notice again
    repo.write(EN, english())
    repo.commit("Pulihkan", "2025-04-01T10:00:00+07:00")
    f = load(repo).notices["privacy"].files["id"]
    assert f.withdrawn_at is None and ids(f) == [first[:12], second[:12]]


def test_renamed_then_deleted_notice_is_withdrawn_at_every_old_url(published):
    repo, first = published
    for lang in ("id", "en"):
        repo.rename(f"docs/{lang}/privacy.md", f"docs/{lang}/data-pribadi.md")
    repo.commit("Ganti nama", "2025-02-01T10:00:00+07:00")
    for lang in ("id", "en"):
        repo.delete(f"docs/{lang}/data-pribadi.md")
    repo.commit("Cabut", "2025-03-01T10:00:00+07:00")
    h = load(repo)
    f = h.notices["data-pribadi"].files["id"]
    assert f.former_keys == ("privacy",) and f.withdrawn_at is not None
    for lang in ("id", "en"):
        assert {("withdrawn", "data-pribadi.md"), ("withdrawn", "privacy.md"),
                ("history", "data-pribadi/versions/index.md"),
                ("version", f"privacy/versions/{first[:12]}.md")} <= pages(h, lang)


def test_a_notice_renamed_onto_a_withdrawn_ones_path_keeps_both_archives(published):
    repo, first = published                      # privacy v1
    repo.write(ID, text(extra="\nDua.\n"))
    second = repo.commit("Privasi v2", "2025-02-01T10:00:00+07:00")
    repo.delete(ID)
    repo.delete(EN)
    repo.commit("Cabut privasi", "2025-03-01T10:00:00+07:00")
    repo.write("docs/id/data.md", text("Pemberitahuan Data", extra="\nTiga.\n"))
    repo.write("docs/en/data.md", english(extra="\nThree.\n"))
    third = repo.commit("Pemberitahuan data", "2025-04-01T10:00:00+07:00")
    for lang in ("id", "en"):
        repo.rename(f"docs/{lang}/data.md", f"docs/{lang}/privacy.md")
    repo.commit("Data menjadi privasi", "2025-05-01T10:00:00+07:00")
    h = load(repo)
    notice = h.notices["privacy"]
    assert notice.files["id"].former_keys == ("data",) and notice.files["id"].withdrawn_at is None
    [old] = [f for f in notice.earlier if f.lang == "id"]
    assert ids(old) == [first[:12], second[:12]] and old.withdrawn_at is not None
    assert h.text(old.versions[1]) == text(extra="\nDua.\n")
    plan = pages(h, "id")
    assert {("version", f"privacy/versions/{first[:12]}.md"), ("version", f"privacy/versions/{second[:12]}.md"),
            ("changes", f"privacy/versions/{second[:12]}/changes.md"),
            ("version", f"data/versions/{third[:12]}.md"), ("current", "privacy.md")} <= plan
    entry = json.loads(build_manifest(h))["notices"]["privacy"]["languages"]["id"]
    assert [v["id"] for v in entry["earlier"][0]["versions"]] == [first[:12], second[:12]]
    assert [v["id"] for v in entry["versions"]] == [third[:12]]

    for lang in ("id", "en"):                    # and withdrawn again: both archives still there
        repo.delete(f"docs/{lang}/privacy.md")
    repo.commit("Cabut lagi", "2025-06-01T10:00:00+07:00")
    h = load(repo)
    assert ids(h.notices["privacy"].files["id"]) == [third[:12]]
    assert {("version", f"privacy/versions/{second[:12]}.md"), ("withdrawn", "privacy.md")} <= pages(h, "id")


def test_renamed_out_of_the_notices_is_withdrawn(published):
    repo, _ = published
    repo.rename(ID, "docs/id/privacy.txt")
    repo.commit("Simpan sebagai teks", "2025-02-01T10:00:00+07:00")
    f = load(repo).notices["privacy"].files["id"]
    assert f.withdrawn_at == dt.datetime(2025, 2, 1, 10, tzinfo=JKT)
    assert ("withdrawn", "privacy.md") in pages(load(repo), "id")


def test_notice_in_one_language_only_is_reported(published):
    repo, _ = published
    repo.write("docs/id/cookies.md", text("Kebijakan Cookie"))
    repo.commit("Cookie (id)", "2025-02-01T10:00:00+07:00")
    h = load(repo)
    assert sorted(h.notices["cookies"].files) == ["id"]
    problems = pair_problems(h, repo)
    assert len(problems) == 1
    assert "docs/id/cookies.md" in problems[0] and "docs/en/cookies.md" in problems[0]
    missing = [p for p in plan_language(h, "en") if p.kind == "missing"]
    assert [(p.key, p.path, p.other.lang) for p in missing] == [("cookies", "cookies.md", "id")]
    assert ("current", "cookies.md") in pages(h, "id")


# --- bad input ---------------------------------------------------------------------------

def test_shallow_clone_is_refused_with_instructions(published, tmp_path):
    repo, _ = published
    repo.write(ID, text(extra="\nDua.\n"))
    repo.commit("Edit", "2025-02-01T10:00:00+07:00")
    clone = shallow_clone(repo, tmp_path / "shallow")
    assert clone.git("rev-parse", "--is-shallow-repository").strip() == "true"
    with pytest.raises(MaklumatError) as err:
        load(clone)
    assert "git fetch --unshallow" in str(err.value) and "fetch-depth: 0" in str(err.value)
    run_git(tmp_path, "clone", "-q", repo.path.as_uri(), str(tmp_path / "full"))
    assert len(load(GitRepo(tmp_path / "full")).notices["privacy"].files["id"].versions) == 2


def test_not_a_git_repository(tmp_path):
    plain = tmp_path / "plain"
    (plain / "docs" / "id").mkdir(parents=True)
    (plain / "docs" / "id" / "privacy.md").write_text(text(), "utf-8")
    with pytest.raises(MaklumatError) as err:
        load_history(plain, SETTINGS)
    assert "not a git repository" in str(err.value) and err.value.path == str(plain)
    with pytest.raises(MaklumatError):
        load_history(tmp_path / "nowhere", SETTINGS)


def test_empty_repository_has_no_notices(repo):
    h = load(repo)
    assert (h.head, h.notices) == (None, {})


BAD = {
    "unclosed": ("---\neffective: 2025-01-10\n\n# Kebijakan\n", 1, "no closing '---'"),
    "yaml": ("---\ndescription: ok\ntitle: a: b\n---\n# Kebijakan\n", 3, "not valid YAML"),
    "not_mapping": ("---\n- a\n- b\n---\n# Kebijakan\n", 2, "key: value"),
    "effective_format": ("---\ndescription: x\neffective: 10/01/2025\n---\n# K\n", 3, "'effective: 10/01/2025'"),
    "effective_impossible": ("---\ndescription: x\neffective: 2025-02-30\n---\n# K\n", 3, "'effective: 2025-02-30'"),
    "effective_crlf": ("---\r\ndescription: x\r\neffective: 2025-13-01\r\n---\r\n# K\r\n", 3, "'effective: 2025-13-01'"),
}


@pytest.mark.parametrize("case", sorted(BAD))
@pytest.mark.parametrize("path", [ID, EN])
def test_malformed_front_matter_at_the_tip_names_file_and_line(published, case, path):
    repo, _ = published
    content, line, words = BAD[case]
    repo.write(path, content)
    repo.commit("Broken", "2025-02-01T10:00:00+07:00")
    with pytest.raises(MaklumatError) as err:
        load(repo)
    assert (err.value.path, err.value.line) == (path, line)
    assert words in err.value.message
    assert str(err.value).startswith(f"{path}:{line}: ")


def test_not_utf8_names_the_file(published):
    repo, _ = published
    repo.write(ID, "# Kebijakan Privasi\n\nCaf\xe9\n".encode("latin-1"))
    repo.commit("Latin-1", "2025-02-01T10:00:00+07:00")
    with pytest.raises(MaklumatError) as err:
        load(repo)
    assert err.value.path == ID and "UTF-8" in err.value.message


def test_invalid_front_matter_in_an_old_version_is_tolerated(published):
    repo, first = published
    repo.write(ID, text(effective="2025-13-01"))
    broken = repo.commit("Broken date", "2025-02-01T10:00:00+07:00")
    repo.write(ID, "---\n1: odd key\ntitle: x\n---\n" + text())   # keys YAML allows, JSON does not sort
    odd = repo.commit("Odd keys", "2025-02-15T10:00:00+07:00")
    repo.write(ID, text(effective="2025-03-01"))
    fixed = repo.commit("Fix date", "2025-02-20T10:00:00+07:00")
    repo.write(EN, "# Privacy Notice\n\nCaf\xe9 Seruni.\n".encode("latin-1"))
    latin = repo.commit("Latin-1", "2025-02-16T10:00:00+07:00")
    repo.write(EN, english())
    repo.commit("UTF-8 again", "2025-02-17T10:00:00+07:00")
    h = load(repo)
    f = h.notices["privacy"].files["id"]
    assert ids(f) == [first[:12], broken[:12], odd[:12], fixed[:12]]
    assert f.versions[1].effective == dt.date(2025, 2, 1)      # unreadable: the published date
    assert f.versions[-1].effective == dt.date(2025, 3, 1)
    # Archived texts still render as they were published, mistakes included.
    assert frontmatter.body(h.text(f.versions[1])).strip() == text().strip()
    old = next(v for v in h.notices["privacy"].files["en"].versions if v.id == latin[:12])
    assert h.text(old) == "# Privacy Notice\n\nCaf\ufffd Seruni.\n"


@pytest.mark.parametrize("content", [text(), text(effective="2025-01-10"), "---\n---\nIsi.\n",
                                     "---\ntitle: x\n...\n# T\n", "# Tanpa front matter\n"])
def test_lenient_body_matches_parse_on_valid_text(content):
    assert frontmatter.body(content) == frontmatter.parse(content, ID).body


# --- the blob cache ---------------------------------------------------------------------

def _count_fingerprints(monkeypatch) -> list:
    calls = []
    real = visible.fingerprint

    def counting(fm):
        calls.append(fm.title)
        return real(fm)
    monkeypatch.setattr(visible, "fingerprint", counting)
    return calls


def test_blob_cache_reads_facts_from_disk_on_the_second_build(published, tmp_path, monkeypatch):
    repo, _ = published
    repo.write(ID, text(extra="\nDua.\n"))
    repo.commit("Edit", "2025-02-01T10:00:00+07:00")
    repo.write(ID, INVISIBLE["crlf"](repo.read(ID).decode()))
    repo.commit("CRLF", "2025-02-02T10:00:00+07:00")
    cache = tmp_path / "cache"
    calls = _count_fingerprints(monkeypatch)
    first = load(repo, cache_dir=cache)
    assert len(calls) == 4                 # id: three blobs, en: one
    assert (cache / "blobs.json").is_file()
    calls.clear()
    second = load(repo, cache_dir=cache)
    assert calls == []
    assert second.notices == first.notices

    repo.write(EN, english(extra="\nTwo.\n"))
    new = repo.commit("Translate", "2025-02-03T10:00:00+07:00")
    third = load(repo, cache_dir=cache)
    assert len(calls) == 1
    assert ids(third.notices["privacy"].files["en"])[-1] == new[:12]

    calls.clear()
    (cache / "blobs.json").write_text("{not json", "utf-8")   # a damaged cache is only slower
    assert load(repo, cache_dir=cache).notices == third.notices
    assert len(calls) == 5

    calls.clear()
    cached = json.loads((cache / "blobs.json").read_text("utf-8"))
    stale = {b: {**facts, "fingerprint": "0" * 64} for b, facts in cached["blobs"].items()}
    (cache / "blobs.json").write_text(json.dumps({"format": cached["format"] - 1, "blobs": stale}), "utf-8")
    assert load(repo, cache_dir=cache).notices == third.notices   # another format: ignored
    assert len(calls) == 5


# --- integrity and the manifest ------------------------------------------------------------

def test_sha256_is_of_the_committed_bytes(published):
    repo, _ = published
    repo.write(ID, INVISIBLE["bom"](text(extra="\nDua.\n")).replace("\n", "\r\n"))
    repo.commit("Edit with BOM and CRLF", "2025-02-01T10:00:00+07:00")
    repo.write(ID, text(extra="\nDua.\n"))                 # invisible: no new version
    repo.commit("Normalise", "2025-02-02T10:00:00+07:00")
    h = load(repo)
    for notice in h.notices.values():
        for f in notice.files.values():
            for v in f.versions:
                committed = repo.blob_bytes(v.commit, v.path)
                assert v.sha256 == hashlib.sha256(committed).hexdigest()
    v = h.notices["privacy"].files["id"].versions[-1]
    assert repo.blob_bytes(v.commit, ID).startswith(b"\xef\xbb\xbf")   # the BOM is in the hash
    assert h.text(v) == text(extra="\nDua.\n")                         # and not in the text


def test_manifest_fields(published):
    repo, first = published
    repo.write(ID, text(extra="\nDua.\n", effective="2026-02-01"))
    second = repo.commit("Announce", "2025-12-20T18:00:00+00:00")
    h = load(repo)
    raw = build_manifest(h)
    assert raw == build_manifest(load(repo))                     # same history, same bytes
    doc = json.loads(raw)
    assert doc["format"] == 1
    assert doc["site"] == {"url": SITE, "prevailing_language": "id", "languages": ["id", "en"],
                           "timezone": "Asia/Jakarta", "build_date": "2026-01-01", "commit": second}
    ident = doc["notices"]["privacy"]["languages"]["id"]
    assert ident["source"] == ID and ident["url"] == SITE + "privacy/"
    assert doc["notices"]["privacy"]["languages"]["en"]["url"] == SITE + "en/privacy/"
    assert (ident["status"], ident["withdrawn"]) == ("published", None)
    assert ident["current_version"] == first[:12] and ident["upcoming"] == [second[:12]]
    assert ident["effective"] == "2025-01-03" and ident["last_updated"] == "2025-01-03T10:00:00+07:00"
    v1, v2 = ident["versions"]
    assert v1 == {"id": first[:12], "commit": first, "path": ID, "url": f"{SITE}privacy/versions/{first[:12]}/",
                  "changes_url": None, "published": "2025-01-03T10:00:00+07:00", "effective": "2025-01-03",
                  "summary": "Terbitkan pemberitahuan privasi", "editorial": False,
                  "sha256": hashlib.sha256(text().encode()).hexdigest()}
    assert v2["changes_url"] == f"{SITE}privacy/versions/{second[:12]}/changes/"
    assert (v2["published"], v2["effective"]) == ("2025-12-21T01:00:00+07:00", "2026-02-01")
    stamps = re.findall(r'"(?:published|last_updated|withdrawn)": "([^"]+)"', raw.decode())
    assert stamps and all(s.endswith("+07:00") for s in stamps)
    for s in stamps:
        assert dt.datetime.fromisoformat(s).utcoffset() == dt.timedelta(hours=7)


def test_drafts_are_never_versions(published):
    repo, first = published
    repo.write(ID, text(extra="\nBelum dikomit.\n"))
    repo.write(EN, INVISIBLE["crlf"](english()))
    h = load(repo, include_drafts=True)
    ident, eng = h.notices["privacy"].files["id"], h.notices["privacy"].files["en"]
    assert ids(ident) == [first[:12]] and ident.draft_text == text(extra="\nBelum dikomit.\n")
    assert eng.draft_text is None
    assert load(repo).notices["privacy"].files["id"].draft_text is None
