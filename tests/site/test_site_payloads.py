"""A site full of script payloads, in every place untrusted text reaches a page: headings,
front matter (title, description, status), file and folder names, commit subjects and
summary trailers. Opened in Chromium, no page may run any of them; the HTML stays valid.

Each payload sets `window.__pwned` (or opens a dialog) if it ever runs as markup.
"""
from __future__ import annotations

import json
from collections import deque
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from gitrepo import GitRepo
from site_server import SiteServer
from site_walk import TABS, interleave
from sitebuild import adopt, build
from test_site_html import html_errors

# Its tests share one built site (a module fixture): with `--dist loadgroup` they run in
# one pytest-xdist worker, which builds it once.
pytestmark = pytest.mark.xdist_group("payload-site")


def pwn(n: int) -> str:
    return f"window.__pwned={n}"


# Raw text (never Markdown): front matter values, file and folder names, git metadata.
RAW = {n: p for n, p in enumerate([
    f'"><img src=x onerror={pwn(1)}>',
    f"</title><script>{pwn(2)}</script>",
    f"'><svg onload={pwn(3)}>",
    "<img src=x onerror=alert(4)>",
    'Notice of "Seruni" & Partners <b>',
], start=1)}
FILE = f"<img src=x onerror={pwn(20)}>"           # a notice's file name (no heading: it is the title)
FOLDER = f'"><img src=x onerror={pwn(21)}>'        # a folder: a navigation section's name


def yaml_str(text: str) -> str:
    return json.dumps(text)   # JSON strings are YAML strings


def notice(lang: str, heading: str, front: dict[str, str], para: str) -> str:
    head = "".join(f"{k}: {yaml_str(v)}\n" for k, v in front.items())
    return f"---\n{head}---\n\n{heading}\n\n## Data {{#data}}\n\n{para}\n"


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("payloads")
    repo = GitRepo.init(root / "site")
    adopt(repo.path)
    for lang in ("id", "en"):
        para = "Kami memproses nama Anda." if lang == "id" else "We process your name."
        # A heading whose code span holds markup (harmless in the body, not in attributes).
        repo.write(f"docs/{lang}/privacy.md", notice(
            lang, f'# Notice `"><img src=x onerror={pwn(10)}>` & "Seruni"',
            {"description": RAW[1], "status": RAW[3], "author": RAW[2]}, para))
        repo.write(f"docs/{lang}/titled.md", notice(lang, "# Plain", {"title": RAW[2], "description": RAW[5]}, para))
        repo.write(f"docs/{lang}/{FILE}.md", f"{para}\n")
        repo.write(f"docs/{lang}/{FOLDER}/terms.md", notice(lang, '# Notice of "Seruni" & Partners', {"title": RAW[4]}, para))
    repo.commit(f"Publish {RAW[1]} {RAW[2]}", "2025-01-03T10:00:00+07:00", trailers=(f"Notice-Summary: {RAW[3]}",))
    for lang in ("id", "en"):
        for name in ("privacy", "titled", FILE, f"{FOLDER}/terms"):
            path = f"docs/{lang}/{name}.md"
            repo.write(path, repo.read(path).decode() + f"\nMore `<script>{pwn(11)}</script>` text.\n")
    repo.commit(f"Change {RAW[4]}", "2025-02-03T10:00:00+07:00", trailers=(f"Notice-Summary: {RAW[5]} {RAW[2]}",))
    for lang in ("id", "en"):
        repo.write(f"docs/{lang}/{FILE}.md", repo.read(f"docs/{lang}/{FILE}.md").decode() + "\nLast.\n")
    repo.commit(RAW[2], "2025-03-03T10:00:00+07:00")   # no trailer: the subject is the summary
    result = build(repo.path)
    assert result.code == 0, result.output
    return root / "out"


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html"))


def test_no_payload_runs_on_any_page(payload_site, browser):
    found = pages(payload_site)
    assert len(found) >= 40, [str(p.relative_to(payload_site)) for p in found]
    ran: list[str] = []
    with SiteServer(payload_site) as server:
        ctx = browser.new_context(base_url=server.url)

        def tab():
            page = ctx.new_page()
            page.on("dialog", lambda d: (ran.append(f"dialog {d.message!r} on {page.url}"), d.dismiss()))
            return page

        def visit(rel: str):
            def job(page):   # loading, while the other tabs' pages load (site_walk.interleave)
                response = page.goto(server.url + _quote(rel), wait_until="commit")
                yield
                page.wait_for_load_state("load")
                assert response is not None and response.ok, rel
                flag = page.evaluate("window.__pwned")
                if flag is not None:
                    ran.append(f"payload {flag} ran on {rel}")
            job.label = rel
            return job

        crashed = interleave([tab() for _ in range(TABS)],
                             deque(visit(path.relative_to(payload_site).as_posix()) for path in found))
        assert not crashed, "\n".join(crashed)
        page = tab()
        # The in-browser comparison of two versions builds its redline from the fetched pages.
        for lang in ("", "en/"):
            page.goto(f"{server.url}{lang}privacy/versions/")
            page.locator("#mk-compare button[type=submit]").click()
            page.locator("#mk-compare-result ins, #mk-compare-result del").first.wait_for()
            if page.evaluate("window.__pwned") is not None:
                ran.append(f"payload {page.evaluate('window.__pwned')} ran comparing versions ({lang or 'id'})")
        ctx.close()
    print(f"payload site: {len(found)} pages opened in Chromium, scripts run: {len(ran)}")
    assert ran == []


def test_payload_site_is_valid_html(payload_site):
    checked, errors = html_errors(payload_site)
    print(f"payload site: {checked} pages checked by vnu, errors: {len(errors)}")
    assert checked == len(pages(payload_site)) >= 40
    assert not errors, "\n".join(errors[:200])


def test_payloads_are_shown_as_text(payload_site, browser):
    """Escaped, not dropped: readers see the characters the editors wrote."""
    with SiteServer(payload_site) as server:
        ctx = browser.new_context(base_url=server.url)
        page = ctx.new_page()
        page.goto(server.url + "en/titled/")
        assert page.title().startswith(RAW[2] + " - ")
        assert page.locator('meta[name="description"]').get_attribute("content") == RAW[5]
        page.goto(server.url + "en/privacy/")
        assert page.locator('meta[name="description"]').get_attribute("content") == RAW[1]
        feed_titles = page.locator('link[type="application/atom+xml"]').evaluate_all("els => els.map(e => e.title)")
        assert any(f'"><img src=x onerror={pwn(10)}>' in t for t in feed_titles), feed_titles
        page.goto(server.url + "en/privacy/versions/")
        assert RAW[3] in page.locator("table.mk-history").inner_text()
        assert f"{RAW[5]} {RAW[2]}" in page.locator("table.mk-history").inner_text()
        page.goto(server.url + "en/" + _quote(FILE) + "/")
        assert page.title().startswith(_as_named(FILE) + " - ")
        nav = page.locator(".md-nav").first.inner_text()
        assert _as_named(FOLDER) in nav and RAW[2] in nav and f'"><img src=x onerror={pwn(10)}> & "Seruni"' in nav
        ctx.close()


def test_feeds_and_manifest_carry_the_payloads_as_text(payload_site):
    atom = ET.parse(payload_site / "en" / "feed.xml").getroot()
    texts = " ".join(el.text or "" for el in atom.iter())
    assert RAW[3] in texts and RAW[2] in texts
    feed = json.loads((payload_site / "en" / "feed.json").read_text("utf-8"))
    assert any(RAW[3] in json.dumps(item, ensure_ascii=False) for item in feed["items"])
    manifest = json.loads((payload_site / "notices.json").read_text("utf-8"))
    summaries = [v["summary"] for n in manifest["notices"].values()
                 for lang in n["languages"].values() for v in lang["versions"]]
    assert RAW[3] in summaries and RAW[2] in summaries


def _as_named(name: str) -> str:
    """MkDocs reads "_" in a file or folder name as a space; titles collapse spaces."""
    return " ".join(name.replace("_", " ").split())


def _quote(rel: str) -> str:
    from urllib.parse import quote
    return quote(rel)
