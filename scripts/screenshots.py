"""Screenshots to look at: history, an archived version, a redline and a comparison of the
sample site's privacy notice, at 390 and 1280 px, light and dark, Indonesian and English.

    .venv/bin/python scripts/screenshots.py <built site dir> <output dir>
"""
import functools
import sys
import threading
from http.server import ThreadingHTTPServer, SimpleHTTPRequestHandler
from playwright.sync_api import sync_playwright
class Q(SimpleHTTPRequestHandler):
    def log_message(self,*a): pass
h = functools.partial(Q, directory=sys.argv[1])
srv = ThreadingHTTPServer(("127.0.0.1", 0), h); port = srv.server_address[1]
threading.Thread(target=srv.serve_forever, daemon=True).start()
out = sys.argv[2]
PAGES = {"history": "privacy/versions/", "archived": "privacy/versions/4462304c41e2/",
         "redline": "privacy/versions/4462304c41e2/changes/",
         "compare": "privacy/versions/?from=a43b4024b231&to=ade55bf70596#compare"}
with sync_playwright() as p:
    b = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--disable-gpu","--disable-quic"])
    for scheme in ("light", "dark"):
        for width in (390, 1280):
            ctx = b.new_context(viewport={"width": width, "height": 844 if width == 390 else 900}, color_scheme=scheme)
            pg = ctx.new_page()
            for lang in ("id", "en"):
                for name, path in PAGES.items():
                    if name == "compare":
                        ids = {"id": ("a43b4024b231", "ade55bf70596"), "en": ("a43b4024b231", "836afc3a0c25")}[lang]
                        path = f"privacy/versions/?from={ids[0]}&to={ids[1]}#compare"
                    url = f"http://127.0.0.1:{port}/{'' if lang == 'id' else 'en/'}{path}"
                    pg.goto(url); pg.wait_for_load_state("networkidle"); pg.wait_for_timeout(600)
                    if name == "compare":
                        pg.locator("#mk-compare-result ins").first.wait_for(timeout=5000)
                        pg.locator("#compare").scroll_into_view_if_needed()
                    f = f"{out}/{name}-{lang}-{scheme}-{width}.png"
                    pg.screenshot(path=f, full_page=(name != "compare"))
                    if name == "redline":
                        pg.locator("td del.mk-del").first.scroll_into_view_if_needed()
                        pg.screenshot(path=f.replace(".png", "-view-table.png"))
                        pg.locator(".mk-block-ins").first.scroll_into_view_if_needed()
                        pg.screenshot(path=f.replace(".png", "-view-block.png"))
                    if name == "archived":
                        pg.evaluate("window.scrollTo(0, 0)")
                        pg.screenshot(path=f.replace(".png", "-view.png"))
            ctx.close()
    b.close()
srv.shutdown()
print("ok")
