"""Serving a built site on 127.0.0.1, as a static host would, for browsers and linkchecker."""
from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature fixed by http.server
        pass  # one line per request would drown pytest's output

    def end_headers(self):
        # linkchecker sends at most ~3 requests a second to a host unless the host answers
        # with this header; then its [checking] maxrequestspersecond applies.
        self.send_header("LinkChecker", "local test server")
        super().end_headers()


class SiteServer:
    """A threaded http.server on a free port; `url` ends with "/"."""

    def __init__(self, root: Path):
        handler = functools.partial(_QuietHandler, directory=str(root))
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self.root = root
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}/"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def __enter__(self) -> "SiteServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()
