"""Preview timing for the benchmark: `mkdocs serve`, a saved notice, the changed page served.

The time is what an editor waits: from writing the file to the notice's page served over
HTTP with the edit in it (polled until the response holds the new sentence). The serve
process runs through this module (`python benchpreview.py serve ...`), which times where
each rebuild goes (exclusive time per part: a part's own time, its callees' parts left
out) and prints one `BENCH-SPLIT {json}` line per build for the benchmark to read.
"""
from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

MARK = "BENCH-SPLIT "
PARTS = {   # (module, attribute) -> the part of a build it is charged to
    ("mkdocs.commands.serve", "load_config"): "MkDocs: load mkdocs.yml",
    ("maklumat.publish.site", "prepare"): "engine: site.prepare (history, parity)",
    ("maklumat.publish.site", "SiteBuild.jobs"): "engine: page jobs (plan, texts)",
    ("maklumat.publish.site", "SiteBuild.decorate"): "engine: decorations (banners, redlines)",
    ("maklumat.publish.site", "SiteBuild.write_outputs"): "engine: feeds, manifest",
    ("mkdocs.commands.build", "_populate_page"): "MkDocs: each page's Markdown (+ page events)",
    ("mkdocs.commands.build", "_build_page"): "MkDocs: each page's template, write (+ events)",
    ("mkdocs.commands.build", "build"): "MkDocs+i18n: files, nav, other events, static files",
}


# ---- inside the serve process --------------------------------------------------------------
class _Timer:
    def __init__(self):
        self.totals: dict[str, float] = {}
        self.stack: list[list] = []   # [part, start, children's time]

    def wrap(self, fn, part: str):
        def timed(*args, **kwargs):
            self.stack.append([part, time.perf_counter(), 0.0])
            try:
                return fn(*args, **kwargs)
            finally:
                name, start, inner = self.stack.pop()
                spent = time.perf_counter() - start
                self.totals[name] = self.totals.get(name, 0.0) + spent - inner
                if self.stack:
                    self.stack[-1][2] += spent
        return timed


def _instrument() -> None:
    import importlib
    import mkdocs.commands.build as mk_build
    import mkdocs.commands.serve as mk_serve
    timer = _Timer()
    for (module, attr), part in PARTS.items():
        mod = importlib.import_module(module)
        owner, name = (getattr(mod, attr.split(".")[0], None), attr.split(".")[1]) if "." in attr else (mod, attr)
        if getattr(owner, name, None) is not None:   # a part renamed since: left out of the split
            setattr(owner, name, timer.wrap(getattr(owner, name), part))
    inner_build = mk_build.build

    def build(config, **kwargs):   # the outermost build of a save: report it when done
        outer = not timer.stack
        started = time.time()
        if outer:
            timer.totals = {}
        try:
            return inner_build(config, **kwargs)
        finally:
            if outer:
                print(MARK + json.dumps({"start": started, "end": time.time(), "parts": timer.totals}),
                      file=sys.stderr, flush=True)
    mk_serve.build = build
    try:
        import mkdocs_static_i18n.plugin as i18n
        i18n.build = mk_build.build   # its further languages' builds: timed as nested builds
    except ImportError:
        pass


# ---- the benchmark's side ----------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(lines: queue.Queue, marker: str, timeout: float, seen: list[str]) -> str | None:
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        try:
            line = lines.get(timeout=max(0.01, end - time.perf_counter()))
        except queue.Empty:
            return None
        seen.append(line)
        if marker in line:
            return line
    return None


def _served(url: str, needle: str, timeout: float) -> bool:
    """Poll `url` until its response holds `needle` (the serve process blocks requests
    while it rebuilds, so this returns as soon as the new page is there)."""
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        try:
            with urllib.request.urlopen(url, timeout=timeout) as resp:
                if needle in resp.read().decode("utf-8", "replace"):
                    return True
        except OSError:
            pass
        time.sleep(0.05)
    return False


def preview(root: Path, epoch: int, timeout: float, edits: int = 5) -> dict:
    """Start `mkdocs serve`, save a notice `edits` times; per edit, the seconds from the
    save to the page served with the edit; the median of the saves after the first (the
    first is the notice's first draft, which adds its draft redline page: a rebuild of
    another kind, reported apart); and the last rebuild's split."""
    notice = sorted(p for p in (root / "docs" / "id").glob("*.md") if p.name != "index.md")[0]
    original = notice.read_bytes()
    port = _free_port()
    # `mkdocs serve` builds into a temporary folder (a whole site: 340 MB at 20 x 100) that it
    # removes only when stopped by Ctrl-C; its own TMPDIR, removed below, leaves nothing behind.
    tmp = tempfile.mkdtemp(prefix="maklumat-bench-serve-")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(epoch), "TMPDIR": tmp}
    proc = subprocess.Popen([sys.executable, __file__, "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
                            cwd=root, env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
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
            needle = f"Kalimat pratinjau nomor {i} {epoch}"
            saved = time.time()
            t0 = time.perf_counter()
            notice.write_bytes(original + f"\n{needle}.\n".encode())
            if not _served(url, needle, timeout):
                out["error"] = "the edit never showed: " + "".join(seen[-15:])
                return out
            out["runs"].append(time.perf_counter() - t0)
            served = saved + out["runs"][-1]
            builds = []   # the rebuilds reported since: the one that served the edit started after the save
            while (line := _wait(lines, MARK, 0.5 if builds else 5, seen)) is not None:
                builds.append(json.loads(line.split(MARK, 1)[1]))
            data = next((b for b in builds if b["start"] >= saved - 0.01 and b["end"] <= served + 0.01), None)
            if data is not None:
                parts = sorted(data["parts"].items(), key=lambda kv: -kv[1])
                out["split"] = ([("watcher: save -> rebuild starts", data["start"] - saved)] + parts
                                + [("rebuild done -> page served", served - data["end"])])
        out["ok"] = True
        out["first_draft"] = out["runs"][0]
        out["seconds"] = statistics.median(out["runs"][1:] or out["runs"])
        return out
    finally:
        notice.write_bytes(original)
        proc.send_signal(signal.SIGINT)   # Ctrl-C: MkDocs shuts its server down and cleans up
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":   # the serve process: `python benchpreview.py serve [mkdocs serve options]`
    _instrument()
    from mkdocs.__main__ import cli
    sys.exit(cli(prog_name="mkdocs"))
