"""Running the benchmark's builds: the configurations compared, and one timed `mkdocs build`.

`mkdocs.yml` is the Maklumat build; `mkdocs-plain.yml` and `mkdocs-twin.yml` inherit it
without the plugin (current pages only, and the hand-written twin of benchtwin.py).
"""
from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def write_configs(root: Path) -> dict[str, str]:
    """mkdocs.yml as is (Maklumat), and two configs inheriting it without the hook."""
    from mkdocs.utils import yaml_load
    with open(root / "mkdocs.yml", "rb") as fd:
        base = yaml_load(fd)
    plain = {"INHERIT": "mkdocs.yml",
             "plugins": [p for p in base.get("plugins") or [] if p != "maklumat" and not
                         (isinstance(p, dict) and "maklumat" in p)]}
    twin = {**plain, "docs_dir": "twin-docs", "not_in_nav": "versions/\n"}
    for name, cfg in (("plain", plain), ("twin", twin)):
        (root / f"mkdocs-{name}.yml").write_text(yaml.safe_dump(cfg, sort_keys=False), encoding="utf-8")
    return {"plain": "mkdocs-plain.yml", "twin": "mkdocs-twin.yml", "cold": "mkdocs.yml", "warm": "mkdocs.yml"}


def html_pages(site: Path) -> int:
    """The site's HTML pages, 404 pages left out (Maklumat writes one per language, MkDocs one)."""
    return sum(1 for p in site.rglob("*.html") if p.name != "404.html") if site.is_dir() else 0


def build(root: Path, config: str, site: str, epoch: int, timeout: float, profile: Path | None = None,
          env: dict[str, str] | None = None, keep_site: bool = False) -> dict:
    """One `mkdocs build --strict -q` into `site`: wall and CPU seconds, and its HTML pages.
    `site` is emptied first (as on GitHub), unless `keep_site` (a rebuild on one machine)."""
    if not keep_site:
        shutil.rmtree(root / site, ignore_errors=True)
    cmd = [sys.executable]
    if profile is not None:
        cmd += ["-m", "cProfile", "-o", str(profile)]
    cmd += ["-m", "mkdocs", "build", "--strict", "-q", "-f", config, "-d", site]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(epoch), **(env or {})}
    t0, r0 = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        proc = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, timeout=timeout)
        ok, output = proc.returncode == 0, proc.stderr + proc.stdout
    except subprocess.TimeoutExpired as exc:
        ok, output = False, f"timed out after {timeout:.0f} s\n{exc.stderr or ''}"
    seconds, r1 = time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)   # less sensitive to a busy machine
    pages = html_pages(root / site)
    if not ok:
        tail = "\n".join(str(output).strip().splitlines()[-25:])
        log(f"    FAILED ({seconds:.1f} s): {config}\n" + "\n".join("    | " + line for line in tail.splitlines()))
    return {"seconds": seconds, "cpu": cpu, "ok": ok, "pages": pages}


def repeated(k: int, run) -> dict:
    """Run `run` k times; the median of the successful times (all runs' details kept)."""
    runs = [run() for _ in range(k)]
    good = [r["seconds"] for r in runs if r["ok"]]
    cpu = [r["cpu"] for r in runs if r["ok"]]
    return {"seconds": statistics.median(good) if good else None, "cpu": statistics.median(cpu) if cpu else None,
            "ok": bool(good) and len(good) == k,
            "pages": runs[-1]["pages"], "runs": [round(r["seconds"], 3) for r in runs]}

