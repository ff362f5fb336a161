"""The site's own URLs are reserved: a notice, file or folder that would take one is an
error naming the file and the URL, in the build and in `maklumat new` alike."""
from __future__ import annotations


import pytest

import maklumat_cli
from gitrepo import GitRepo
from maklumat.settings import make_settings
from maklumat.cli import new as cli_new
from maklumat.publish import reserved
from maklumat.publish import site
from maklumat.errors import MaklumatError
from maklumat.model import Settings
from sitebuild import adopt, build, notice, site_repo

SETTINGS = Settings(messages_lang="en")


@pytest.fixture(autouse=True)
def build_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


@pytest.fixture
def repo(tmp_path) -> GitRepo:
    r = GitRepo.init(tmp_path / "site")
    adopt(r.path)
    for lang in ("id", "en"):
        r.write(f"docs/{lang}/privacy.md", notice(lang))
        r.write(f"docs/{lang}/legal/index.md", notice(lang))
    r.commit("Terbitkan", "2025-01-03T10:00:00+07:00")
    return r


def prepare(r: GitRepo) -> site.SiteBuild:
    return site.prepare(make_settings(languages=["id", "en"], site_url="https://privasi.seruni.example/",
                                      messages_language="en"),
                        config_dir=r.path, include_drafts=False)


# (file under docs/, the URL it would take)
CASES = [
    ("docs/id/privacy/versions/{id}.md", "/privacy/versions/{id}/"),   # an archived version's permanent URL
    ("docs/en/privacy/versions/{id}/changes.md", "/en/privacy/versions/{id}/changes/"),
    ("docs/id/privacy/versions.md", "/privacy/versions/"),             # the history page
    ("docs/id/legal/versions.md", "/legal/versions/"),                 # history of legal/index.md
    ("docs/id/en.md", "/en/"),                                         # the English home page
    ("docs/id/en/privacy.md", "/en/privacy/"),                         # the English notice
    ("docs/id/feed.xml", "/feed.xml"),
    ("docs/en/feed.json", "/en/feed.json"),
    ("docs/id/privacy/feed.xml", "/privacy/feed.xml"),                 # the notice's own feed
    ("docs/id/feed.xml.md", "/feed.xml/"),
    ("docs/id/notices.json", "/notices.json"),
    ("docs/id/sitemap.xml", "/sitemap.xml"),
    ("docs/en/404.html", "/en/404.html"),
    ("docs/id/search/search_index.json", "/search/search_index.json"),
    ("docs/id/assets/maklumat/compare.js", "/assets/maklumat/compare.js"),
    ("docs/en/assets.md", "/en/assets/"),
]


@pytest.mark.parametrize("path, url", CASES, ids=[c[0] for c in CASES])
def test_a_file_on_a_generated_url_stops_the_build(repo, path, url):
    vid = repo.head()[:12]
    path, url = path.format(id=vid), url.format(id=vid)
    repo.write(path, notice("id") if path.endswith(".md") else "x")
    for committed in (False, True):   # the working tree (what MkDocs copies) and HEAD alike
        if committed:
            repo.commit("Tambah berkas", "2025-02-01T10:00:00+07:00")
        with pytest.raises(MaklumatError) as err:
            prepare(repo)
        assert err.value.path == path
        assert f"would take the URL {url}," in err.value.message


def test_check_names_the_reserved_file_too(repo):
    repo.write("docs/id/en/privacy.md", notice("id"))
    done = maklumat_cli.run(["check", "--repo", str(repo.path)], cwd=repo.path.parent)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "error: docs/id/en/privacy.md: nama ini dipakai oleh halaman situs sendiri" in done.stderr and "/en/privacy/" in done.stderr


def test_a_committed_notice_on_a_generated_url_stops_the_build_even_if_deleted_locally(repo):
    repo.write("docs/id/privacy/versions.md", notice("id"))
    repo.commit("Tambah", "2025-02-01T10:00:00+07:00")
    (repo.path / "docs/id/privacy/versions.md").unlink()
    with pytest.raises(MaklumatError, match="would take the URL /privacy/versions/") as err:
        prepare(repo)
    assert err.value.path == "docs/id/privacy/versions.md"


@pytest.mark.parametrize("rel, lang", [("privacy.md", "id"), ("legal/index.md", "en"), ("index.md", "id"),
                                       ("en-gb.md", "id"), ("id.md", "en"), ("id/privacy.md", "en"),
                                       ("products/version.md", "id"), ("images/feed.png", "id"),
                                       ("legal/assets/logo.png", "id")])
def test_ordinary_names_are_free(rel, lang):
    # English pages live under /en/, so docs/en/id.md is /en/id/: no clash with the root.
    assert reserved.reason(rel, lang, SETTINGS) is None


@pytest.mark.parametrize("key, path, url", [
    ("versions", "docs/id/versions.md", "/versions/"),
    ("privacy/versions", "docs/id/privacy/versions.md", "/privacy/versions/"),
    ("en", "docs/id/en.md", "/en/"),
    ("en/privacy", "docs/id/en/privacy.md", "/en/privacy/"),
    ("index", "docs/id/index.md", "/"),
    ("assets", "docs/id/assets.md", "/assets/"),
    ("search/terms", "docs/id/search/terms.md", "/search/terms/"),
])
def test_maklumat_new_refuses_the_same_keys_with_the_same_message(tmp_path, key, path, url):
    (tmp_path / "docs" / "id").mkdir(parents=True)
    with pytest.raises(MaklumatError) as err:
        cli_new.scaffold(tmp_path, key, {"id": "Judul", "en": "Title"}, SETTINGS)
    assert err.value.path == path
    assert err.value.message == reserved.reason(f"{key}.md", "id", SETTINGS, home_ok=False) + " Nothing was written."
    assert f"would take the URL {url}," in err.value.message
    assert not list((tmp_path / "docs").rglob("*.md"))


@pytest.mark.slow   # a MkDocs build
def test_real_build_refuses_replacing_an_archived_version(tmp_path):
    # The adapter: `mkdocs build --strict` stops (before, it passed and published the new text
    # at the archived version's permanent URL, while notices.json kept the old sha256).
    repo = site_repo(tmp_path)
    vid = repo.head()[:12]
    repo.write(f"docs/id/privacy/versions/{vid}.md", notice("id").replace("nama", "alamat"))
    repo.commit("Ganti versi lama", "2025-02-01T10:00:00+07:00")
    result = build(repo.path)
    assert result.code != 0 and "Traceback" not in result.output, result.output
    assert f"docs/id/privacy/versions/{vid}.md: nama ini dipakai oleh halaman situs sendiri" in result.output
    assert f"/privacy/versions/{vid}/" in result.output
