"""No broken internal link or anchor anywhere: linkchecker over HTTP, from every page."""
from __future__ import annotations

import subprocess
from pathlib import Path

import tools
from site_server import SiteServer

CONFIG = """\
[checking]
maxrequestspersecond=1000000

[filtering]
checkextern=0

[AnchorCheck]
"""


def linkchecker(site: Path, url: str, tmp_path: Path) -> subprocess.CompletedProcess:
    """linkchecker started from every page (unlinked pages are checked too) and every
    stylesheet (the only other files it reads links from) of `site`, served at `url`.
    Every file it reads links from is a start URL, so it need not follow links into them
    again (`-r 1`): the links of each are read once, and each link's target is fetched and
    its anchor looked up (AnchorCheck runs whatever the level). Otherwise each `page#anchor`
    and `page?query` would be read for links again, though it is the same file: that was
    half the time. One thread (`-t 0`): the work is parsing, which threads do not share."""
    config = tmp_path / "lc.ini"
    config.write_text(CONFIG)
    files = sorted(p.relative_to(site).as_posix() for pattern in ("*.html", "*.css") for p in site.rglob(pattern))
    urls = [url + (p[: -len("index.html")] if p.endswith("index.html") else p) for p in files]
    program = tools.executable("linkchecker", "PyPI LinkChecker (requirements/test.txt)")
    return subprocess.run([program, "--no-status", "-r", "1", "-t", "0", "-f", str(config), "--stdin"],
                          input="\n".join(urls) + "\n", capture_output=True, text=True, timeout=900)


def test_no_broken_links_or_anchors(built_site, site_server, tmp_path):
    done = linkchecker(built_site, site_server.url, tmp_path)
    assert done.returncode == 0, f"linkchecker over {built_site}:\n{done.stdout[-20000:]}\n{done.stderr[-3000:]}"


def test_the_check_finds_a_broken_link_and_anchor_on_a_linked_page(tmp_path):
    """Self-check of the options above: a page whose links name a missing page, a missing
    anchor on another page, and a missing anchor on itself; each is reported."""
    site = tmp_path / "site"
    (site / "b").mkdir(parents=True)
    (site / "index.html").write_text('<!doctype html><title>a</title><h1 id="top">A</h1>'
                                     '<a href="b/#here">b</a> <a href="b/#gone">b</a> <a href="missing/">m</a> '
                                     '<a href="#nowhere">n</a> <a href="#top">t</a>\n')
    (site / "b" / "index.html").write_text('<!doctype html><title>b</title><h1 id="here">B</h1>'
                                           '<a href="../">a</a> <a href="../#lost">a</a>\n')
    with SiteServer(site) as server:
        done = linkchecker(site, server.url, tmp_path)
    assert done.returncode == 1, done.stdout
    reported = sorted(line.split("`")[1].rstrip("'") for line in done.stdout.splitlines() if line.startswith("URL        `"))
    assert reported == ["#nowhere", "../#lost", "b/#gone", "missing/"], done.stdout
    assert "3 warnings found. 1 error found." in done.stdout, done.stdout
