"""The engine alone, in the benchmark's process: history without a cache, every redline, and
the per-build stages of `site.prepare` (what a build spends before MkDocs renders a page).

The redlines computed here are also what the hand-written twin pastes into its "what
changed" pages (benchtwin.py), so they are computed once per run.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


@contextmanager
def _epoch(epoch: int):
    """SOURCE_DATE_EPOCH as the builds see it, for settings read in this process."""
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def settings(root: Path, epoch: int):
    """The site's settings as `mkdocs build` reads them from the repository's mkdocs.yml."""
    if str(PROJECT) not in sys.path:
        sys.path.insert(0, str(PROJECT))
    from maklumat.mkdocs.config import load_settings
    with _epoch(epoch):
        return load_settings(root / "mkdocs.yml")


def _timed(fn):
    t0, c0 = time.perf_counter(), time.process_time()
    value = fn()
    return value, {"seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0, "ok": True}


def history_and_redlines(root: Path, epoch: int) -> tuple[dict, dict, object, dict]:
    """(5): load_history without a cache, then redline(prev, cur) for every consecutive pair.
    Returns the two measurements, the history and {(old blob, new blob, lang): (summary html, html)}."""
    from maklumat.history.notices import load_history
    from maklumat.redline.compare import redline
    site_settings = settings(root, epoch)
    old_workers = os.environ.get("MAKLUMAT_WORKERS")
    os.environ["MAKLUMAT_WORKERS"] = "1"   # one process: its cpu is the whole cost
    try:
        history, hist = _timed(lambda: load_history(root, site_settings))
    finally:
        os.environ.pop("MAKLUMAT_WORKERS")
        if old_workers is not None:
            os.environ["MAKLUMAT_WORKERS"] = old_workers
    pairs = [(f.lang, a, b) for n in history.notices.values()
             for f in [*n.files.values(), *n.earlier] for a, b in zip(f.versions, f.versions[1:])]
    times, html_s, html_cpu, errors, htmls = [], 0.0, 0.0, [], {}
    c0 = time.process_time()
    for lang, a, b in pairs:
        t0 = time.perf_counter()
        try:
            result = redline(history.text(a), history.text(b))
        except Exception as exc:  # noqa: BLE001 - report and go on: one bad pair must not hide the rest
            errors.append(f"{type(exc).__name__}: {exc}")
            result = None
        times.append(time.perf_counter() - t0)
        if result is not None:   # what the "what changed" page adds
            t0, h0 = time.perf_counter(), time.process_time()
            htmls[(a.blob, b.blob, lang)] = (result.summary_html(lang), result.html(lang))
            html_s += time.perf_counter() - t0
            html_cpu += time.process_time() - h0
    cpu = time.process_time() - c0 - html_cpu
    if errors:
        log(f"    {len(errors)} redline(s) raised; first: {errors[0]}")
    times.sort()
    red = {"seconds": sum(times), "cpu": cpu, "ok": not errors, "pairs": len(pairs), "errors": len(errors),
           "html_seconds": html_s,
           "mean_ms": 1000 * sum(times) / len(times) if times else None,
           "p95_ms": 1000 * times[int(0.95 * (len(times) - 1))] if times else None,
           "max_ms": 1000 * times[-1] if times else None}
    return red, hist, history, htmls


def _forget_renderings() -> None:
    from maklumat.markdown import blockparse, rendering
    for fn in (rendering._render, rendering._engine, *(getattr(blockparse, name) for name in dir(blockparse))):
        if hasattr(fn, "cache_clear"):
            fn.cache_clear()


STAGES = ("git log pass", "history (blob facts)", "parity and lag", "redlines (all pages)",
          "page plan and jobs", "feeds and manifest")


def stages(root: Path, epoch: int, cold: bool, workers: str = "") -> dict:
    """What `site.prepare` and the engine's per-page work cost in one build, stage by stage
    (the same calls the plugin makes, in this process): with an empty cache (`cold`) or
    with the cache the last build left; MAKLUMAT_WORKERS=`workers`. Keys: STAGES; values
    {seconds, cpu} (cpu: this process's, not the pool's)."""
    from maklumat.history import gitlog, notices
    from maklumat.publish import site
    site_settings = settings(root, epoch)
    cache = root / ".cache" / "maklumat"
    saved = None
    if cold:   # nothing this process rendered before (step 5) may help: as a new process
        _forget_renderings()
    if cold and cache.is_dir():   # keep the builds' cache: moved aside, put back after
        saved = Path(tempfile.mkdtemp(dir=root / ".cache")) / "maklumat"
        shutil.move(cache, saved)
    out: dict[str, dict] = {}
    old_workers = os.environ.get("MAKLUMAT_WORKERS")
    os.environ["MAKLUMAT_WORKERS"] = workers
    try:
        repo = gitlog.open_repo(root)
        _, out["git log pass"] = _timed(lambda: gitlog.first_parent_commits(repo))
        with _epoch(epoch):
            history, out["history (blob facts)"] = _timed(lambda: notices.load_history(   # its own git log
                root, site_settings, cache_dir=cache))                                 # pass included
            build, out["parity and lag"] = _timed(lambda: site.SiteBuild(history, root, include_drafts=False))
            _, out["redlines (all pages)"] = _timed(lambda: (build.prefetch_redlines(), [   # as prepare
                build.redline(f, v) for n in history.notices.values() for f in n.files.values()
                for v in f.versions[1:]]))
            _, out["page plan and jobs"] = _timed(lambda: [build.jobs(lang) for lang in site_settings.languages])
            with tempfile.TemporaryDirectory() as tmp:
                _, out["feeds and manifest"] = _timed(lambda: [
                    build.write_outputs(Path(tmp), lang, "bench") for lang in site_settings.languages])
    finally:
        os.environ.pop("MAKLUMAT_WORKERS")
        if old_workers is not None:
            os.environ["MAKLUMAT_WORKERS"] = old_workers
        if saved is not None:
            shutil.rmtree(cache, ignore_errors=True)
            shutil.move(saved, cache)
            shutil.rmtree(saved.parent, ignore_errors=True)
    return out
