"""Preview timing for the benchmark: `mkdocs serve`, a saved notice, the page served again.

The time is what an editor waits: from writing the file to MkDocs' "Reloading browsers"
(its rebuild done, live reload told), plus fetching the notice's page over HTTP.
"""
from __future__ import annotations

import os
import queue
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(lines: queue.Queue, marker: str, timeout: float, seen: list[str]) -> bool:
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        try:
            line = lines.get(timeout=max(0.01, end - time.perf_counter()))
        except queue.Empty:
            return False
        seen.append(line)
        if marker in line:
            return True
    return False


def preview(root: Path, epoch: int, timeout: float, edits: int = 3) -> dict:
    """Start `mkdocs serve`, save a notice `edits` times, time each rebuild and reload."""
    notice = sorted(p for p in (root / "docs" / "id").glob("*.md") if p.name != "index.md")[0]
    original = notice.read_bytes()
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(epoch)}
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload",
                             "-a", f"127.0.0.1:{port}"], cwd=root, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout], daemon=True).start()
    seen: list[str] = []
    out: dict = {"ok": False, "runs": []}
    try:
        t0 = time.perf_counter()
        if not _wait(lines, "Serving on", timeout, seen):
            out["error"] = "".join(seen[-15:])
            return out
        out["first_build"] = time.perf_counter() - t0
        url = f"http://127.0.0.1:{port}/{notice.stem}/"
        for i in range(edits):
            time.sleep(1.0)   # the watcher settles
            notice.write_bytes(original + f"\nKalimat pratinjau nomor {i}.\n".encode())
            t0 = time.perf_counter()
            if not _wait(lines, "Reloading browsers", timeout, seen):
                out["error"] = "".join(seen[-15:])
                return out
            with urllib.request.urlopen(url, timeout=30) as resp:
                resp.read()
            out["runs"].append(time.perf_counter() - t0)
        out["ok"] = True
        out["seconds"] = sorted(out["runs"])[len(out["runs"]) // 2]   # the median
        return out
    finally:
        notice.write_bytes(original)
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
