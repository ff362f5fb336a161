"""Permanence: every version URL a build publishes still serves the same text after
later edits, a rename (both languages), a deleted notice, and a rename onto the deleted
notice's path."""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import urlsplit

from gitrepo import GitRepo
from site_build import PROJECT, build_here
from site_pages import article_text, soup

ENGINE = ("mkdocs.yml",)   # the plugin is installed
# One sentence per notice version and language, so each archived page can be told apart.
TEXTS = {
    "privacy": {"id": ("# Pemberitahuan Privasi\n\nKami menyimpan nama pelanggan {v}.\n"),
                "en": ("# Privacy Notice\n\nWe keep customer names {v}.\n")},
    "cookies": {"id": "# Kuki\n\nKami memakai kuki sesi {v}.\n",
                "en": "# Cookies\n\nWe use session cookies {v}.\n"},
    "retired": {"id": "# Program Lama\n\nProgram loyalitas lama {v}.\n",
                "en": "# Old Programme\n\nThe old loyalty programme {v}.\n"},
}
HOMES = {"id": "# Pemberitahuan Privasi\n\nDaftar pemberitahuan.\n",
         "en": "# Privacy Notices\n\nThe list of notices.\n"}  # home pages, not notices
WORDS = {"id": ["sejak awal", "sampai kini", "dengan saksama"],
         "en": ["from the start", "until now", "with care"]}


class Repo(GitRepo):
    """A throwaway notice repository (tests/gitrepo.py: fixed identities and dates) with
    the engine copied in, the way an adopter sets up a site."""

    def __init__(self, root: Path):
        super().__init__(root)
        GitRepo.init(root)
        self.root = root
        for name in ENGINE:
            source = PROJECT / name
            if source.is_dir():
                shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy(source, root / name)
        # The sample promises 30 days' notice; these edits take effect on merge (this test is
        # about permanence: test_notice_period.py is about the notice period).
        config = root / "mkdocs.yml"
        config.write_text(config.read_text("utf-8").replace("notice_days: 30", "notice_days: 0"), "utf-8")
        for lang, text in HOMES.items():
            self.write(f"docs/{lang}/index.md", text)

    def write_notice(self, key: str, edition: int) -> None:
        for lang, text in TEXTS[key].items():
            self.write(f"docs/{lang}/{key}.md", text.format(v=WORDS[lang][edition]))


def published_versions(site: Path) -> list[str]:
    """Every version URL in the manifest (notices.json), as site paths."""
    manifest = json.loads((site / "notices.json").read_text(encoding="utf-8"))
    return [urlsplit(version["url"]).path
            for notice in manifest["notices"].values()
            for entry in notice["languages"].values()
            for version in entry["versions"]]


def test_version_urls_survive_edits_renames_and_deletions(tmp_path):
    repo = Repo(tmp_path / "repo")
    for key in TEXTS:
        repo.write_notice(key, 0)
    first = repo.commit("Publish three notices", "2024-01-10T10:00:00+07:00")
    repo.write_notice("privacy", 1)
    second = repo.commit("Privacy: say how long names are kept", "2024-03-01T10:00:00+07:00")
    before = tmp_path / "before"
    build_here(repo.root, before)

    urls = published_versions(before)
    # privacy: 2 versions, cookies and retired: 1 each; in two languages.
    assert len(urls) == len(set(urls)) == 8, f"the manifest lists {urls}"
    expected = {(key, lang, first[:12]): WORDS[lang][0] for key in TEXTS for lang in WORDS}
    expected.update({("privacy", lang, second[:12]): WORDS[lang][1] for lang in WORDS})
    recorded = {}
    for url in urls:
        lang = "en" if url.startswith("/en/") else "id"
        key, version = url.removeprefix("/en").strip("/").split("/versions/")
        text = article_text(soup(before, url))
        assert expected[(key, lang, version.strip("/"))] in text, f"{url} shows {text!r}"
        recorded[url] = text

    repo.write_notice("privacy", 2)
    repo.commit("Privacy: name the storage provider", "2024-05-01T10:00:00+07:00")
    for lang in WORDS:
        repo.rename(f"docs/{lang}/cookies.md", f"docs/{lang}/tracking.md")
    repo.commit("Rename cookies to tracking", "2024-06-01T10:00:00+07:00")
    repo.delete("docs/id/retired.md")
    repo.delete("docs/en/retired.md")
    repo.commit("Withdraw the old programme notice", "2024-07-01T10:00:00+07:00")
    for lang in WORDS:   # another notice takes over the withdrawn one's path
        repo.rename(f"docs/{lang}/tracking.md", f"docs/{lang}/retired.md")
    repo.commit("Rename tracking onto the withdrawn notice's path", "2024-08-01T10:00:00+07:00")
    after = tmp_path / "after"
    build_here(repo.root, after)

    for url, text in recorded.items():
        assert article_text(soup(after, url)) == text, f"{url} changed after later commits"
