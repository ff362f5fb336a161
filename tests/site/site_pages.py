"""Reading built pages: the URL contract, version histories, article text, language."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

NOTICE = "privacy"  # the notice the brief's URL contract names; the reader journey walks it
LANGS = ("id", "en")
VERSION_ID = re.compile(r"\b[0-9a-f]{12}\b")
_VERSION_HREF = re.compile(r"/versions/([0-9a-f]{12})/(changes/)?$")


def prefix(lang: str) -> str:
    """Indonesian (prevailing) at the site root, English under /en/."""
    return "" if lang == "id" else f"{lang}/"


def notice_path(lang: str, tail: str = "", notice: str = NOTICE) -> str:
    """Site path of a notice page, e.g. notice_path("en", "versions/") -> /en/privacy/versions/."""
    return f"/{prefix(lang)}{notice}/{tail}"


def html_file(site: Path, path: str) -> Path:
    """The file a static host serves for a directory URL."""
    return site / path.lstrip("/") / "index.html" if path.endswith("/") else site / path.lstrip("/")


def soup(site: Path, path: str) -> BeautifulSoup:
    file = html_file(site, path)
    if not file.is_file():
        pytest.fail(f"the built site has no page {path} ({file} is missing)", pytrace=False)
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


@dataclass(frozen=True)
class History:
    """A notice's versions in one language, as its version-history page lists them."""

    lang: str
    ids: tuple[str, ...]           # in the table's order
    with_changes: tuple[str, ...]  # versions whose row links to a "what changed" page

    def path(self, version: str = "", changes: bool = False) -> str:
        tail = "versions/" + (f"{version}/" if version else "") + ("changes/" if changes else "")
        return notice_path(self.lang, tail)


def read_history(site: Path, lang: str) -> History:
    path = notice_path(lang, "versions/")
    table = soup(site, path).select_one("table.mk-history")
    if table is None:
        pytest.fail(f"{path} has no table.mk-history", pytrace=False)
    ids: list[str] = []
    changes: list[str] = []
    for a in table.select("a[href]"):
        match = _VERSION_HREF.search(urljoin(path, a["href"]))
        if match:
            target = changes if match.group(2) else ids
            if match.group(1) not in target:
                target.append(match.group(1))
    if not ids:
        pytest.fail(f"the history table on {path} links to no /versions/<id>/ page", pytrace=False)
    return History(lang, tuple(ids), tuple(changes))


def article_text(page: BeautifulSoup) -> str:
    """The notice's own words: the article without Maklumat's chrome (class mk-*),
    heading permalinks or Material's edit button, whitespace collapsed. Strips `page`."""
    article = page.select_one("article")
    if article is None:
        return ""
    for chrome in article.select('[class*="mk-"], .headerlink, .md-content__button'):
        chrome.decompose()
    return " ".join(article.get_text(" ").split())


# Frequent short words of each language: enough to tell a page's language apart.
_MARKERS = {
    "id": {"yang", "dan", "tidak", "halaman", "ini", "di", "ke", "dari", "untuk", "kami",
           "dengan", "ditemukan", "kembali", "beranda", "atau", "anda", "adalah"},
    "en": {"the", "and", "not", "page", "this", "of", "to", "from", "for", "we", "with",
           "found", "back", "home", "or", "you", "is"},
}


def language_of(text: str) -> str | None:
    """"id" or "en" by counting each language's frequent words; None if undecided."""
    words = re.findall(r"[a-z]+", text.lower())
    score = {lang: sum(w in markers for w in words) for lang, markers in _MARKERS.items()}
    best = max(score, key=score.get)
    return best if score[best] > min(score.values()) else None
