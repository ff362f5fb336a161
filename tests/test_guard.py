"""The published-record guard (maklumat/guard.py, `maklumat verify`): a build may add versions,
never lose or change a published one. Foxtrot merges and force-pushes in test repositories."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from gitrepo import GitRepo
from maklumat import cli
from maklumat.history import guard
from maklumat.history.notices import load_history
from maklumat.publish.manifest import build_manifest
from maklumat.model import Settings

SITE = "https://privasi.seruni.example/"
SETTINGS = Settings(site_url=SITE, build_date=dt.date(2026, 1, 1))
ID = "docs/id/privacy.md"
MKDOCS_YML = """\
site_name: Uji
site_url: https://privasi.seruni.example/
docs_dir: docs
plugins:
  - i18n:
      docs_structure: folder
      languages:
        - locale: id
          name: Bahasa Indonesia
          default: true
  - maklumat:
      prevailing: id
      timezone: Asia/Jakarta
      messages_language: en
"""


def notice(n: int) -> str:
    return f"# Kebijakan Privasi\n\n## Data\n\nKami menyimpan data selama {n} hari.\n"


def manifest(repo: GitRepo) -> dict:
    return json.loads(build_manifest(load_history(repo.path, SETTINGS)))


@pytest.fixture
def published(tmp_path):
    """main with two published versions; returns the repo and the manifest deployed from it."""
    repo = GitRepo.init(tmp_path / "r")
    repo.write("mkdocs.yml", MKDOCS_YML)
    repo.write(ID, notice(30))
    repo.commit("Terbitkan", "2025-01-02T10:00:00+07:00")
    repo.branch("feature")
    repo.write(ID, notice(60))
    repo.commit("Retensi 60 hari", "2025-01-05T10:00:00+07:00")
    repo.switch("main")
    repo.write(ID, notice(45))
    repo.commit("Retensi 45 hari", "2025-01-04T10:00:00+07:00")
    return repo, manifest(repo)


def foxtrot(repo: GitRepo) -> None:
    """The feature branch merges main, then main fast-forwards to it."""
    repo.switch("feature")
    repo.git("merge", "-q", "--no-ff", "-X", "ours", "-m", "Merge main into feature", "main",
             date="2025-01-06T10:00:00+07:00")   # the branch's text wins the conflict
    repo.switch("main")
    repo.git("merge", "-q", "--ff-only", "feature")


def test_nothing_lost_when_main_only_grows(published):
    repo, before = published
    repo.write(ID, notice(90))
    repo.commit("Retensi 90 hari", "2025-01-07T10:00:00+07:00")
    assert guard.compare(before, manifest(repo)) == []


def test_foxtrot_merge_loses_a_first_parent_version(published):
    repo, before = published
    lost_id = before["notices"]["privacy"]["languages"]["id"]["versions"][-1]["id"]
    foxtrot(repo)
    losses = guard.compare(before, manifest(repo))
    assert [(x.kind, x.version) for x in losses] == [("lost", lost_id)]
    assert f"privacy/versions/{lost_id}/" in losses[0].message
    assert "no longer makes a version on the first-parent line" in losses[0].message


def test_force_push_loses_and_changes(published):
    repo, before = published
    old = before["notices"]["privacy"]["languages"]["id"]["versions"]
    repo.git("reset", "-q", "--hard", "HEAD~1")
    repo.write(ID, notice(46))
    repo.commit("Retensi 46 hari", "2025-01-04T11:00:00+07:00")
    losses = guard.compare(before, manifest(repo))
    assert [(x.kind, x.version) for x in losses] == [("lost", old[-1]["id"])]


def test_text_and_date_changes_are_named(published):
    repo, before = published
    after = manifest(repo)
    v = after["notices"]["privacy"]["languages"]["id"]["versions"][0]
    v["sha256"] = "0" * 64
    v["published"] = "2025-01-02T11:00:00+07:00"
    v["effective"] = "2025-01-03"
    kinds = [x.kind for x in guard.compare(before, after)]
    assert kinds == ["changed", "redated", "redated"]
    # the same instant in another offset is no move
    v2 = json.loads(json.dumps(before))
    v2["notices"]["privacy"]["languages"]["id"]["versions"][0]["published"] = "2025-01-02T03:00:00+00:00"
    assert guard.compare(before, v2) == []


def test_losses_and_the_fix_speak_the_editors_language(published):
    """The same facts (ids, dates, hashes, commit) in Indonesian and in English."""
    repo, before = published
    after = manifest(repo)
    v = after["notices"]["privacy"]["languages"]["id"]["versions"][0]
    v["effective"] = "2025-01-03"
    vid, old = v["id"], before["notices"]["privacy"]["languages"]["id"]["versions"][0]["effective"]
    (en,) = guard.compare(before, after, "en")
    (id_,) = guard.compare(before, after, "id")
    assert en.message.endswith(f"its effective date would move from {old} to 2025-01-03.")
    assert id_.message.startswith(f"versi {vid} dari 'privacy' (id), terbit ")
    assert id_.message.endswith(f"tanggal berlakunya akan berpindah dari {old} ke 2025-01-03.")
    commit = before["site"]["commit"]
    fix = guard.fix_advice(before, "id")
    assert fix.startswith("Alur penerbitan berhenti di sini: tidak ada yang diterbitkan.")
    assert f"git commit-tree 'origin/main^{{tree}}' -p {commit} -p origin/main" in fix
    assert f"-p {commit} -p origin/main" in guard.fix_advice(before, "en")


def force_push(repo: GitRepo) -> None:
    repo.git("reset", "-q", "--hard", "HEAD~1")
    repo.write(ID, notice(60))
    repo.commit("Retensi 60 hari", "2025-01-04T11:00:00+07:00")


@pytest.mark.parametrize("rewrite", [foxtrot, force_push], ids=["foxtrot", "force-push"])
def test_the_advised_fix_restores_the_published_history(published, rewrite):
    repo, before = published
    published_commit = before["site"]["commit"]
    rewrite(repo)
    assert guard.compare(before, manifest(repo))
    main_now = repo.head()
    # what guard.fix_advice tells the editor to run (with the local main for origin/main)
    fixed = repo.git("commit-tree", "main^{tree}", "-p", published_commit, "-p", "main",
                     "-m", "Restore the published history", date="2025-01-07T10:00:00+07:00").strip()
    repo.git("merge", "-q", "--ff-only", fixed)            # a fast-forward: no force-push needed
    assert repo.git("merge-base", "--is-ancestor", main_now, "HEAD") == ""
    after = manifest(repo)
    assert guard.compare(before, after) == []
    assert repo.blob_bytes("HEAD", ID) == notice(60).encode()
    assert published_commit in guard.fix_advice(before)


def verify(repo: GitRepo, published: str, capsys) -> tuple[int, str]:
    code = cli.main(["verify", "--repo", str(repo.path), "--published", published])
    return code, capsys.readouterr().out


def test_verify_command_foxtrot_and_force_push(published, tmp_path, capsys):
    repo, before = published
    live = tmp_path / "notices.json"
    live.write_text(json.dumps(before), encoding="utf-8")
    assert verify(repo, str(live), capsys) == (0, "ok: every published version (2) is still in this build, "
                                                   "with the same text and dates.\n")
    foxtrot(repo)
    code, out = verify(repo, str(live), capsys)
    print(out)
    assert code == 1
    assert out.startswith(f"error: this build would lose or change 1 published version of {live}:")
    assert "'foxtrot' merge" in out and "git commit-tree" in out


def test_verify_first_deploy_passes_with_a_note(published, tmp_path, capsys):
    repo, _ = published
    code, out = verify(repo, str(tmp_path / "absent.json"), capsys)
    assert code == 0 and out.startswith("note: there is no published notices.json") and "first deploy" in out


def test_verify_unreadable_manifest_is_an_input_error(published, tmp_path, capsys):
    repo, _ = published
    bad = tmp_path / "notices.json"
    bad.write_text("<html>", encoding="utf-8")
    assert cli.main(["verify", "--repo", str(repo.path), "--published", str(bad)]) == 2
    assert "is not valid JSON" in capsys.readouterr().err


def test_a_version_no_longer_counted_names_where_its_text_still_is(published):
    """E.g. a pure-rename "version" published by an older engine: the address would break,
    and the message says where the same text is still published."""
    repo, before = published
    doc = json.loads(json.dumps(before))
    versions = doc["notices"]["privacy"]["languages"]["id"]["versions"]
    ghost = {**versions[-1], "id": "feedfacecafe", "commit": "feedfacecafe" + "0" * 28,
             "url": SITE + "privacy/versions/feedfacecafe/"}
    versions.append(ghost)
    losses = guard.compare(doc, manifest(repo))
    assert [(x.kind, x.version) for x in losses] == [("lost", "feedfacecafe")]
    assert f"(The same text is still published as version {versions[-2]['id']}, " in losses[0].message


@pytest.fixture
def live_site(tmp_path):
    """The deployed site over HTTP on 127.0.0.1 (a thread, stopped after the test)."""
    import functools
    import http.server
    import threading
    root = tmp_path / "live"
    root.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}/notices.json"
    server.shutdown()
    server.server_close()


def test_verify_over_http_first_deploy_then_a_force_push(published, live_site, capsys):
    repo, before = published
    root, url = live_site
    code, out = verify(repo, url, capsys)
    assert code == 0 and "no published notices.json" in out and "first deploy" in out     # HTTP 404
    (root / "notices.json").write_text(json.dumps(before), encoding="utf-8")
    assert verify(repo, url, capsys)[0] == 0
    repo.git("reset", "-q", "--hard", "HEAD~1")
    repo.write(ID, notice(46))
    repo.commit("Retensi 46 hari", "2025-01-04T11:00:00+07:00")
    code, out = verify(repo, url, capsys)
    print(out)
    assert code == 1 and "would disappear" in out and "force-push" in out
