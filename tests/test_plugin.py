"""The plugin as an adopter meets it: a foreign MkDocs + Material + static-i18n site adds one
`plugins` line (the package installed, nothing copied), and mistakes in that line are plain errors."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gitrepo import GitRepo

MKDOCS = Path(sys.executable).with_name("mkdocs")
EPOCH = "1767225600"   # 2026-01-01

I18N = """\
  - i18n:
      docs_structure: folder
      languages:
        - {locale: en, name: English, default: true}
        - {locale: id, name: Bahasa Indonesia}
"""
FOREIGN = """\
site_name: Kebun Sayur Online
site_url: https://privacy.kebun.example/
theme:
  name: material
  font: false
plugins:
  - search
{plugins}"""
TEXT = {"en": "# Privacy at Kebun\n\n## What we keep\n\nWe keep your {what}.\n",
        "id": "# Privasi di Kebun\n\n## Yang kami simpan\n\nKami menyimpan {what_id} Anda.\n"}


def foreign_site(path: Path, plugins: str) -> GitRepo:
    """Someone else's site: English at the root, its own config, two versions of one notice."""
    repo = GitRepo.init(path)
    repo.write("mkdocs.yml", FOREIGN.format(plugins=plugins))
    repo.write("docs/en/index.md", "# Kebun\n\nOur notices.\n")
    repo.write("docs/id/index.md", "# Kebun\n\nPemberitahuan kami.\n")
    for n, (what, what_id, date) in enumerate([("email address", "alamat surel", "2025-02-01T09:00:00+07:00"),
                                               ("email address and city", "alamat surel dan kota",
                                                "2025-06-01T09:00:00+07:00")]):
        front = f"---\neffective: {date[:10]}\n---\n\n"
        repo.write("docs/en/privacy.md", front + TEXT["en"].format(what=what))
        repo.write("docs/id/privacy.md", front + TEXT["id"].format(what_id=what_id))
        repo.commit(f"Privacy notice, version {n + 1}", date)
    return repo


def mkdocs_build(root: Path, out: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=EPOCH)
    return subprocess.run([str(MKDOCS), "build", "--strict", "-d", str(out)], cwd=root, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_a_foreign_site_adopts_with_one_plugins_line(tmp_path):
    repo = foreign_site(tmp_path / "kebun", I18N + "  - maklumat\n")
    assert not (repo.path / "maklumat").exists() and not (repo.path / "overrides").exists()
    done = mkdocs_build(repo.path, tmp_path / "out")
    assert done.returncode == 0, done.stderr[-3000:]
    out = tmp_path / "out"
    manifest = json.loads((out / "notices.json").read_text("utf-8"))
    assert "privacy" in json.dumps(manifest)
    for prefix in ("", "id/"):
        history = (out / prefix / "privacy/versions/index.html").read_text("utf-8")
        versions = sorted(p.name for p in (out / prefix / "privacy/versions").iterdir() if p.is_dir())
        assert len(versions) == 2, versions
        changes = [out / prefix / "privacy/versions" / v / "changes/index.html" for v in versions]
        changes = [c for c in changes if c.is_file()]   # the second version's: it has one before it
        assert len(changes) == 1 and "<ins" in changes[0].read_text("utf-8")   # the redline marks the addition
        assert "versions" in history
        for feed in ("feed.xml", "feed.json"):
            assert (out / prefix / feed).is_file()
    assert "assets/maklumat/compare.js" in (out / "privacy/index.html").read_text("utf-8")
    assert (out / "assets/maklumat.css").is_file()   # the theme files come from the package
    # The site has no rule for the build's cache: the cache brings its own (cachedir.py), so
    # an editor's `git add -A` commits none of it.
    assert (repo.path / ".cache" / "maklumat" / "pages").is_dir()
    repo.git("add", "-A")
    assert not [name for name in repo.git("ls-files").splitlines() if name.startswith(".cache/")]


@pytest.mark.slow
@pytest.mark.parametrize("plugins,words", [
    ("  - maklumat\n" + I18N, "list it after 'i18n'"),
    ("  - maklumat\n", "needs the mkdocs-static-i18n plugin"),
    (I18N + "  - maklumat:\n      timezone: Mars/Olympus\n", "'Mars/Olympus' is not a known time zone"),
    (I18N + "  - maklumat:\n      prevailing: fr\n", "'prevailing: fr' is not one of the site's languages"),
    (I18N + "  - maklumat:\n      strings:\n        prevails: just text\n", "must map each language to a text"),
])
def test_a_wrong_plugins_line_is_a_plain_error(tmp_path, plugins, words):
    repo = foreign_site(tmp_path / "kebun", plugins)
    done = mkdocs_build(repo.path, tmp_path / "out")
    assert done.returncode != 0 and words in done.stderr, done.stderr[-2000:]
    assert "Traceback" not in done.stderr


def test_the_command_line_reads_inherit_and_env_as_mkdocs_does(tmp_path, monkeypatch):
    """`INHERIT` and `!ENV` work because MkDocs itself loads the file for the CLI too."""
    from maklumat.mkdocs.config import load_settings
    (tmp_path / "docs").mkdir()
    ours = "  - maklumat:\n      timezone: !ENV [KEBUN_TZ, UTC]\n"
    (tmp_path / "base.yml").write_text(FOREIGN.format(plugins=I18N + ours), encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("INHERIT: base.yml\nsite_url: https://staging.kebun.example/\n", "utf-8")
    monkeypatch.setenv("KEBUN_TZ", "Asia/Makassar")
    settings = load_settings(tmp_path / "mkdocs.yml")
    assert (settings.languages, settings.prevailing, settings.root_lang) == (("en", "id"), "en", "en")
    assert (settings.timezone, settings.site_url) == ("Asia/Makassar", "https://staging.kebun.example/")
