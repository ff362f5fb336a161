"""The pull request's declaration: checked before merge, shown as history row and feed entry, carried by the squash commit."""
from __future__ import annotations

import subprocess
from pathlib import Path

import maklumat_cli
from maklumat.history.notices import load_history
from maklumat.mkdocs.config import load_settings
from sitebuild import EPOCH, notice, site_repo

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = (ROOT / ".github" / "pull_request_template.md").read_text("utf-8")


def _body(**values: str) -> str:
    """The pull request template as an editor fills it in: the declaration lines at its end."""
    body = TEMPLATE
    for key, value in values.items():
        line = next(x for x in body.splitlines() if x.startswith(f"{key}:"))
        body = body.replace(line + "\n", f"{key}: {value}\n" if value is not None else "")
    return body


def _pr(tmp_path):
    repo = site_repo(tmp_path)
    repo.branch("retensi")
    for lang in ("id", "en"):
        text = notice(lang, "effective: 2026-03-01\n")
        repo.write(f"docs/{lang}/privacy.md", text.replace("nama", "nama, alamat").replace("name", "name, address"))
    repo.commit("wip", "2026-01-20T10:00:00+07:00")
    return repo


def _declaration(repo, body: str, *extra: str) -> subprocess.CompletedProcess:
    (repo.path.parent / "body.md").write_text(body, "utf-8")
    base = repo.git("merge-base", "main", "retensi").strip()
    return maklumat_cli.run(["declaration", "--body", str(repo.path.parent / "body.md"), "--title", "Simpan alamat",
                             "--base", base, "--head", "retensi", "--repo", str(repo.path), *extra],
                            cwd=Path.cwd(), env={"SOURCE_DATE_EPOCH": EPOCH})


def test_material_change_without_summary_fails_with_the_next_step(tmp_path):
    repo = _pr(tmp_path)
    done = _declaration(repo, TEMPLATE)   # the template as it comes: material, summaries empty
    assert done.returncode == 1
    assert "Perubahan material memerlukan ringkasan untuk pembaca (belum ada ringkasan untuk: id, en)" in done.stderr
    assert "Langkah berikutnya: tambahkan baris 'Notice-Summary: …'" in done.stderr


def test_unknown_value_fails(tmp_path):
    done = _declaration(_pr(tmp_path), _body(**{"Notice-Change": "minor", "Notice-Summary-id": "x",
                                                 "Notice-Summary-en": "y"}))
    assert done.returncode == 1 and "'Notice-Change: minor' tidak dikenal" in done.stderr


def test_declared_summaries_show_the_history_row_and_feed_entry_and_reach_the_merged_commit(tmp_path):
    repo = _pr(tmp_path)
    body = _body(**{"Notice-Summary-id": "Alamat kini disimpan.", "Notice-Summary-en": "Addresses are now kept."})
    done = _declaration(repo, body)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "| `docs/id/privacy.md` | material | 2026-03-01 | Alamat kini disimpan. | **privacy** — Alamat kini " \
           "disimpan. |" in out
    assert "| `docs/en/privacy.md` | material | 2026-03-01 | Addresses are now kept. |" in out
    # GitHub's squash merge: title (#n), blank line, description. Its last lines become trailers.
    repo.switch("main")
    sha = repo.squash_merge("retensi", f"Simpan alamat (#7)\n\n{body}", "2026-01-25T10:00:00+07:00")
    history = load_history(repo.path, load_settings(repo.path / "mkdocs.yml"))
    versions = {lang: f.versions[-1] for lang, f in history.notices["privacy"].files.items()}
    assert {v.commit for v in versions.values()} == {sha}
    assert versions["id"].summary == "Alamat kini disimpan." and versions["en"].summary == "Addresses are now kept."
    assert not versions["id"].editorial


def test_editorial_declaration_needs_no_summary_and_makes_no_feed_entry(tmp_path):
    repo = _pr(tmp_path)
    body = _body(**{"Notice-Change": "editorial", "Notice-Summary-id": None, "Notice-Summary-en": None})
    done = _declaration(repo, body)
    assert done.returncode == 0, done.stderr
    assert "| editorial | 2026-03-01 |" in done.stdout and "tidak ada (perubahan editorial tidak masuk feed)" in done.stdout
    repo.switch("main")
    repo.squash_merge("retensi", f"Rapikan (#8)\n\n{body}", "2026-01-25T10:00:00+07:00")
    history = load_history(repo.path, load_settings(repo.path / "mkdocs.yml"))
    assert history.notices["privacy"].files["id"].versions[-1].editorial


def test_redline_shows_effective_date_status_and_summary(tmp_path):
    repo = _pr(tmp_path)
    (repo.path.parent / "body.md").write_text(_body(**{"Notice-Summary-id": "Alamat kini disimpan.",
                                                       "Notice-Summary-en": "Addresses are now kept."}), "utf-8")
    done = maklumat_cli.run(["redline", "--base", "main", "--head", "retensi", "--repo", str(repo.path),
                             "--body", str(repo.path.parent / "body.md")],
                            cwd=Path.cwd(), env={"SOURCE_DATE_EPOCH": EPOCH})   # build date 2026-01-01
    assert done.returncode == 0, done.stderr
    assert "**Status setelah digabung: berlaku pada 2026-03-01 (terjadwal: sampai saat itu versi sekarang tetap " \
           "berlaku) · Ringkasan: Alamat kini disimpan.**" in done.stdout
    assert "Ringkasan: Addresses are now kept." in done.stdout
