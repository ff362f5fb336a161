"""What a real build shows, decided by history and the build date (temporary repositories)."""
from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from sitebuild import build, notice, site_repo

pytestmark = pytest.mark.slow   # mkdocs builds: `pytest -m "not slow"` leaves these out


def epoch(day: str) -> str:
    """SOURCE_DATE_EPOCH for noon in Jakarta on `day`."""
    moment = dt.datetime.fromisoformat(f"{day}T12:00:00+07:00")
    return str(int(moment.timestamp()))


def page(tmp_path, url: str) -> str:
    return (tmp_path / "out" / url / "index.html").read_text("utf-8")


def article(html: str) -> str:
    return html[html.index("<article"):html.index("</article>")]


def untagged(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def upcoming_site(tmp_path):
    repo = site_repo(tmp_path)   # published 2025-01-03, effective 2025-01-10
    for lang, words in (("id", "Kami juga memproses alamat email Anda."),
                        ("en", "We also process your e-mail address.")):
        repo.write(f"docs/{lang}/privacy.md", notice(lang, "effective: 2025-03-01\n") + f"\n{words}\n")
    second = repo.commit("Add e-mail addresses", "2025-02-01T10:00:00+07:00")
    return repo, second


def test_upcoming_version_waits_for_its_effective_date(tmp_path):
    repo, second = upcoming_site(tmp_path)
    before = build(repo.path, env={"SOURCE_DATE_EPOCH": epoch("2025-02-28")})
    assert before.code == 0, before.output
    current = article(page(tmp_path, "en/privacy"))
    assert "e-mail address" not in current                      # the version in force is shown
    assert "mk-banner-upcoming" in current and "March 1, 2025" in current
    assert f"versions/{second[:12]}/changes/" in current        # "see what changes"
    upcoming = article(page(tmp_path, f"en/privacy/versions/{second[:12]}"))
    assert "e-mail address" in upcoming and "Upcoming: takes effect on <time datetime=\"2025-03-01\">" in upcoming
    assert "This is the permanent copy of the upcoming version." in upcoming
    home = untagged(article(page(tmp_path, "en")))    # the home page says what is coming
    assert "Coming up" in home and "changes take effect on March 1, 2025." in home
    assert "Akan berlaku" in untagged(article(page(tmp_path, ""))) and "berlaku mulai 1 Maret 2025." in \
        untagged(article(page(tmp_path, "")))

    after = build(repo.path, env={"SOURCE_DATE_EPOCH": epoch("2025-03-01")})
    assert after.code == 0, after.output
    current = article(page(tmp_path, "en/privacy"))
    assert "e-mail address" in current and "mk-banner-upcoming" not in current
    assert "No change is scheduled." in untagged(article(page(tmp_path, "en")))
    assert "Effective: <time datetime=\"2025-03-01\">March 1, 2025</time>" in current
    manifest = json.loads((tmp_path / "out" / "notices.json").read_text("utf-8"))
    assert manifest["notices"]["privacy"]["languages"]["en"]["current_version"] == second[:12]


def test_dates_on_pages_are_jakarta_dates_localized(tmp_path):
    repo = site_repo(tmp_path)
    for lang in ("id", "en"):
        repo.write(f"docs/{lang}/privacy.md", notice(lang, "") + "\nTambahan.\n")
    repo.commit("Edit late in the UTC evening", "2025-04-30T23:30:00+00:00")   # 1 May in Jakarta
    assert build(repo.path).code == 0
    assert '<time datetime="2025-05-01">1 Mei 2025</time>' in page(tmp_path, "privacy")
    assert '<time datetime="2025-05-01">May 1, 2025</time>' in page(tmp_path, "en/privacy")
    sitemap = (tmp_path / "out" / "sitemap.xml").read_text("utf-8")
    assert re.search(r"<loc>[^<]*/privacy/</loc>\s*<lastmod>2025-05-01</lastmod>", sitemap)


def test_prevailing_statement_wording_is_configurable(tmp_path):
    repo = site_repo(tmp_path)
    config = repo.path / "mkdocs.yml"
    text = config.read_text("utf-8").replace(
        "      timezone: Asia/Jakarta",
        "      timezone: Asia/Jakarta\n      strings:\n        prevails:\n          en: Only the Indonesian text binds Seruni.")
    config.write_text(text, "utf-8")
    repo.commit("Own wording", "2025-01-04T10:00:00+07:00")
    assert build(repo.path).code == 0
    english = article(page(tmp_path, "en/privacy"))
    assert "Only the Indonesian text binds Seruni." in english
    assert 'href="../../privacy/" hreflang="id"' in english
    assert "mk-prevails" not in article(page(tmp_path, "privacy"))   # not on the binding text


def test_english_ahead_is_flagged_and_bannered(tmp_path):
    repo = site_repo(tmp_path)
    repo.write("docs/en/privacy.md", notice("en") + "\nWe also keep call recordings.\n")
    repo.commit("English only", "2025-02-01T10:00:00+07:00")
    strict = build(repo.path)
    assert strict.code != 0 and "docs/id/privacy.md" in strict.output
    loose = build(repo.path, strict=False)
    assert loose.code == 0
    banner = article(page(tmp_path, "privacy"))
    assert "mk-banner-lag" in banner and "1 Februari 2025" in banner
    parity = json.loads((tmp_path / "out" / "notices.json").read_text("utf-8"))["notices"]["privacy"]["parity"]
    assert parity["status"] == "prevailing-behind" and parity["problems"]


def test_notice_in_one_language_gets_a_page_in_the_other(tmp_path):
    repo = site_repo(tmp_path)
    repo.write("docs/id/cookies.md", "---\n---\n\n# Pemberitahuan Cookie\n\nKami memakai cookie.\n")
    repo.commit("Cookie notice, Indonesian first", "2025-02-01T10:00:00+07:00")
    assert build(repo.path, strict=False).code == 0
    missing = article(page(tmp_path, "en/cookies"))
    assert "available only in Indonesian" in missing
    assert 'href="../../cookies/"' in missing


def test_uncommitted_notice_is_not_published(tmp_path):
    repo = site_repo(tmp_path)
    for lang in ("id", "en"):
        repo.write(f"docs/{lang}/terms.md", notice(lang))
    result = build(repo.path, strict=False)
    assert result.code == 0 and "not committed yet" in result.output
    assert not (tmp_path / "out" / "terms").exists()
    assert not (tmp_path / "out" / "en" / "terms").exists()


def test_bare_notices_get_a_home_page(tmp_path):
    # Adoption: a repository with only notices in docs/<lang>/ (no home pages) just builds.
    repo = site_repo(tmp_path)
    for lang in ("id", "en"):
        repo.delete(f"docs/{lang}/index.md")
    repo.commit("No home pages", "2025-01-04T10:00:00+07:00")
    result = build(repo.path)
    assert result.code == 0, result.output
    home = article(page(tmp_path, "en"))
    assert "<h1" in home and 'href="privacy/"' in home and "January 3, 2025" in home


def test_a_withdrawn_notices_archive_says_when_it_ended_even_after_its_path_is_reused(tmp_path):
    repo = site_repo(tmp_path)   # published 2025-01-03, effective 2025-01-10
    first = repo.git("rev-parse", "HEAD")[:12]
    for lang in ("id", "en"):
        repo.delete(f"docs/{lang}/privacy.md")
    repo.commit("Withdraw the privacy notice", "2025-02-01T10:00:00+07:00")
    done = build(repo.path)
    assert done.code == 0, done.output
    banner = article(page(tmp_path, f"en/privacy/versions/{first}"))
    assert ("Withdrawn: in force from January 10, 2025 until the notice was withdrawn on "
            "February 1, 2025.") in untagged(banner)
    assert "See the version in force" not in banner and 'href="../">Version history</a>' in banner

    for lang in ("id", "en"):    # another notice takes the path over: the old archive stays
        repo.write(f"docs/{lang}/data.md", notice(lang) + "\nBaru.\n")
    repo.commit("A data notice", "2025-03-01T10:00:00+07:00")
    for lang in ("id", "en"):
        repo.rename(f"docs/{lang}/data.md", f"docs/{lang}/privacy.md")
    repo.commit("The data notice becomes the privacy notice", "2025-04-01T10:00:00+07:00")
    done = build(repo.path)
    assert done.code == 0, done.output
    assert "Baru." in article(page(tmp_path, "en/privacy"))
    banner = article(page(tmp_path, f"en/privacy/versions/{first}"))
    assert "until the notice was withdrawn on February 1, 2025." in untagged(banner)
    assert "Version history" not in banner   # the history at this URL is the other notice's
    manifest = json.loads((tmp_path / "out" / "notices.json").read_text("utf-8"))
    earlier = manifest["notices"]["privacy"]["languages"]["en"]["earlier"]
    assert [v["id"] for v in earlier[0]["versions"]] == [first]
