"""No broken internal link or anchor anywhere: linkchecker over HTTP, from every page."""
from __future__ import annotations

import subprocess

import tools

CONFIG = """\
[checking]
maxrequestspersecond=1000

[filtering]
checkextern=0

[AnchorCheck]
"""


def test_no_broken_links_or_anchors(built_site, site_server, tmp_path):
    config = tmp_path / "lc.ini"
    config.write_text(CONFIG)
    # Start from every page, not just the home page: unlinked pages are checked too.
    pages = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html"))
    urls = [site_server.url + (p[: -len("index.html")] if p.endswith("index.html") else p)
            for p in pages]
    linkchecker = tools.executable("linkchecker", "PyPI LinkChecker (requirements/test.txt)")
    done = subprocess.run([linkchecker, "--no-status", "-f", str(config), "--stdin"],
                          input="\n".join(urls) + "\n", capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, f"linkchecker over {len(urls)} pages:\n{done.stdout[-20000:]}\n{done.stderr[-3000:]}"
