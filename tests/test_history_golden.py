"""Golden version lists: fixture histories built with fixed dates, pinned version by version.

For each history the golden file lists every notice file and every version: id, position,
publication and effective dates, path, URL, editorial and translation flags, summary, sha256
and the visible fingerprint. Any change of code or library that would merge, split, re-date
or move a published version shows as a diff here. Regenerate only on purpose:
`make goldens` (pytest --update-goldens -m golden), then read the diff.
"""
from __future__ import annotations

import datetime as dt

import pytest

from gitrepo import GitRepo
from golden import FIXTURES
from maklumat.markdown import frontmatter
from maklumat.markdown import visible
from maklumat.dates import rfc3339
from maklumat.history.notices import load_history
from maklumat.model import Settings

SETTINGS = Settings(site_url="https://privasi.seruni.example/", build_date=dt.date(2026, 1, 1))
DIR = FIXTURES / "history"


def body(title: str, *paras: str, effective: str | None = None) -> str:
    head = f"---\neffective: {effective}\n---\n\n" if effective else ""
    return head + f"# {title}\n\n" + "".join(f"## Bagian {i}\n\n{p}\n\n" for i, p in enumerate(paras, 1))


def restructure(repo: GitRepo) -> None:
    """docs/<notice>/<locale>.md for a year, one commit moving all to docs/<lang>/<notice>.md,
    a rename afterwards, and a notice that was a draft outside docs/ first."""
    for name in ("privacy", "cookies"):
        repo.write(f"docs/{name}/id.md", body(f"{name} ID", "Kami menyimpan data 30 hari."))
        repo.write(f"docs/{name}/en.md", body(f"{name} EN", "We keep data for 30 days."))
    repo.write("drafts/terms.md", body("Syarat", "Draf pertama."))
    repo.commit("Publish notices", "2024-01-02T10:00:00+07:00")
    repo.write("docs/privacy/id.md", body("privacy ID", "Kami menyimpan data 45 hari."))
    repo.commit("Retention 45 days", "2024-03-01T09:30:00+07:00", trailers=("Notice-Translation: not-needed",))
    repo.write("docs/cookies/en.md", body("cookies EN", "We keep  data for 30\ndays."))   # invisible
    repo.commit("Re-wrap", "2024-04-01T10:00:00+07:00")
    for name in ("privacy", "cookies"):
        for lang in ("id", "en"):
            repo.rename(f"docs/{name}/{lang}.md", f"docs/{lang}/{name}.md")
    repo.rename("drafts/terms.md", "docs/id/terms.md")
    repo.commit("Move to docs/<lang>/", "2025-01-10T10:00:00+07:00")
    repo.write("docs/en/cookies.md", body("cookies EN", "We keep data for 60 days."))
    repo.write("docs/id/cookies.md", body("cookies ID", "Kami menyimpan data 60 hari."))
    repo.commit("Cookies 60 days", "2025-02-01T23:30:00+07:00")
    repo.rename("docs/id/privacy.md", "docs/id/data-pribadi.md")
    repo.rename("docs/en/privacy.md", "docs/en/data-pribadi.md")
    repo.commit("Rename privacy", "2025-03-01T10:00:00+07:00")


def trailers_effective_merge(repo: GitRepo) -> None:
    """Editorial and summary trailers, effective dates (future, replaced while upcoming), and a
    merged branch (counted once, at the merge), a deletion and a restoration."""
    repo.write("docs/id/privacy.md", body("Privasi", "Satu.", effective="2025-01-15"))
    repo.write("docs/en/privacy.md", body("Privacy", "One.", effective="2025-01-15"))
    repo.commit("Publish", "2025-01-02T10:00:00+07:00")
    repo.write("docs/id/privacy.md", body("Privasi", "Satu, dua.", effective="2025-01-15"))
    repo.commit("Typo", "2025-01-20T10:00:00+07:00", trailers=("Notice-Change: editorial",))
    repo.branch("retention")
    repo.write("docs/id/privacy.md", body("Privasi", "Satu, dua.", "Retensi.", effective="2025-06-01"))
    repo.commit("Branch: retention", "2025-02-01T10:00:00+07:00")
    repo.write("docs/en/privacy.md", body("Privacy", "One.", "Retention.", effective="2025-06-01"))
    repo.commit("Branch: retention EN", "2025-02-02T10:00:00+07:00")
    repo.switch("main")
    repo.write("docs/id/cookies.md", body("Kuki", "Kuki."))
    repo.commit("Cookies", "2025-02-03T10:00:00+07:00", trailers=("Notice-Translation: not-needed",))
    repo.merge("retention", "Merge retention", "2025-02-10T10:00:00+07:00",
               trailers=("Notice-Summary: Retention section added",))
    repo.write("docs/id/privacy.md", body("Privasi", "Satu, dua.", "Retensi 2.", effective="2025-05-01"))
    repo.commit("Earlier date, replaces the upcoming one", "2025-03-01T10:00:00+07:00")
    repo.delete("docs/id/cookies.md")
    repo.commit("Withdraw cookies", "2025-04-01T10:00:00+07:00")
    repo.write("docs/id/cookies.md", body("Kuki", "Kuki kembali."))
    repo.commit("Restore cookies", "2025-05-01T10:00:00+07:00")


def withdrawals(repo: GitRepo) -> None:
    """A notice withdrawn, another renamed onto its path (its archive stays as `earlier`), a notice
    renamed out of the notices, odd bytes in subjects and file names, a subject posing as a trailer."""
    repo.write("docs/id/privacy.md", body("Privasi", "Satu."))
    repo.write("docs/id/cookies.md", body("Kuki", "Kuki."))
    repo.write("docs/id/a\x1eb \"c\".md", body("Aneh", "Nama berkas aneh."))
    repo.commit("Publish \x1e three", "2025-01-02T10:00:00+07:00")
    repo.delete("docs/id/privacy.md")
    repo.commit("Withdraw privacy", "2025-02-01T10:00:00+07:00")
    repo.rename("docs/id/cookies.md", "docs/id/privacy.md")
    repo.commit("Cookies become privacy", "2025-03-01T10:00:00+07:00")
    repo.write("docs/id/privacy.md", body("Kuki", "Kuki dan privasi."))
    repo.commit("Big material change\x1fNotice-Change: editorial", "2025-04-01T10:00:00+07:00")
    repo.rename("docs/id/a\x1eb \"c\".md", "notes/aneh.md")
    repo.commit("Out of the notices", "2025-05-01T10:00:00+07:00")


HISTORIES = {"restructure": restructure, "trailers-effective-merge": trailers_effective_merge,
             "withdrawals": withdrawals}


def version_list(history) -> str:
    out = []
    for key, notice in history.notices.items():
        for f in [*notice.files.values(), *notice.earlier]:
            state = f"withdrawn {rfc3339(f.withdrawn_at)}" if f.withdrawn_at else "live"
            out.append(f"{key} [{f.lang}] {f.path} ({state}; former keys: {', '.join(f.former_keys) or '-'})")
            for v in f.versions:
                fm = frontmatter.parse(history.text(v), v.path)
                flags = [x for x, on in (("editorial", v.editorial), ("translation-not-needed",
                                                                      v.translation_not_needed)) if on]
                out += [f"  {v.id} seq {v.seq} published {rfc3339(v.published)} effective {v.effective}"
                        f" {' '.join(flags) or 'material'}",
                        f"    path {v.path}", f"    url {v.url}", f"    summary {v.summary}",
                        f"    sha256 {v.sha256}", f"    fingerprint {visible.fingerprint(fm)}"]
    # control characters written as \xNN, so the golden file stays plain text
    return "".join(c if c == "\n" or ord(c) >= 0x20 else f"\\x{ord(c):02x}" for c in "\n".join(out)) + "\n"


@pytest.mark.golden
@pytest.mark.parametrize("name", sorted(HISTORIES))
def test_version_list_golden(name, tmp_path, golden):
    repo = GitRepo.init(tmp_path / name)
    HISTORIES[name](repo)
    golden.check_file(DIR / f"{name}.txt", version_list(load_history(repo.path, SETTINGS)))


@pytest.mark.parametrize("name", sorted(HISTORIES))
def test_the_manifest_assembled_from_kept_notices_is_the_same_bytes(name, tmp_path, monkeypatch):
    """`mkdocs serve` writes notices.json from each notice's JSON kept between saves
    (manifest._assembled): the same bytes as one json.dumps, at first, when reused, and
    when one notice's parity changed, which alone is written again."""
    from maklumat.publish import manifest

    repo = GitRepo.init(tmp_path / name)
    HISTORIES[name](repo)
    history = load_history(repo.path, SETTINGS)
    parity = {key: {"status": "in-sync", "problems": []} for key in history.notices}
    fragments: dict[str, str] = {}
    assert manifest.build_manifest(history, parity, fragments) == manifest.build_manifest(history, parity)
    assert len(fragments) >= 2, name
    written = []
    real = manifest._dumps
    monkeypatch.setattr(manifest, "_dumps", lambda obj: written.append(obj) or real(obj))
    key = sorted(history.notices)[0]
    parity[key] = {"status": "lagging", "problems": [{"line": 3, "message": "teks \"berbeda\"\n"}]}
    again = manifest.build_manifest(history, parity, fragments)
    assert [w.get("parity") for w in written if "languages" in w] == [parity[key]]   # that notice alone
    assert again == manifest.build_manifest(history, parity)
