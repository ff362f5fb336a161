#!/usr/bin/env python3
"""Build-time benchmark of Maklumat on a synthetic repository (issue 2; issue 3's redlines).

Generates N notices x V versions x 2 languages with git fast-import in a temporary
directory (benchrepo.py; the project's mkdocs.yml copied beside, the plugin installed),
then measures, in one run:
  (1) plain MkDocs + Material + static-i18n, current pages only (no plugin, no history);
  (2) the hand-written twin (benchtwin.py): every page Maklumat builds (archived versions,
      "what changed" pages with the redline's HTML pasted in, history pages) as an ordinary
      page at Maklumat's path, out of the nav and of search, no plugin: the floor for
      producing the same pages through MkDocs (both builds' page counts are printed);
  (3) the Maklumat build from a cold cache (.cache/maklumat deleted; fingerprints and
      redlines in a process pool, one process per CPU), (3s) the same in one process;
  (4) a warm rebuild after one new commit (cache and site kept from (3)), (4f) the same
      into an empty site directory (as on GitHub), (4b) after a config change;
  (5) every redline alone: redline(prev, cur) for each consecutive pair of versions;
  (6) `mkdocs serve` (what `make serve` runs): a notice saved five times, the time until
      its page is served with the edit (benchpreview.py): the first save (a first draft,
      which adds a page) apart, the median of the others; and where one rebuild goes;
  and the engine's own stages in one build, cold and warm (benchengine.py).
Speed is measured and printed here, never asserted in a test. A failing build prints
the tail of its output and the run goes on.

  .venv/bin/python scripts/bench.py                 # 20 x 50
  .venv/bin/python scripts/bench.py --quick         # 3 x 5 smoke test
  .venv/bin/python scripts/bench.py --scale         # N x V and N x 2V: growth when versions double
  .venv/bin/python scripts/bench.py --profile p.out # plus one profiled cold build, engine hotspots
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchengine  # noqa: E402
import benchpreview  # noqa: E402
import benchrepo  # noqa: E402
import benchtwin  # noqa: E402
from benchbuild import build, log, repeated, write_configs  # noqa: E402
from benchnotices import LANGS, word_count  # noqa: E402
from benchreport import LABELS, growth, hotspots, machine, table  # noqa: E402

PROJECT = Path(__file__).resolve().parent.parent
COPIED = ("mkdocs.yml",)   # the plugin itself is installed (pip install -e .)
DEFAULT, SERIAL = "", "1"     # MAKLUMAT_WORKERS of the cold builds (3) (unset: a pool by CPU count) and (3s)


def make_repo(root: Path, notices: int, versions: int) -> benchrepo.Repo:
    home = {lang: (PROJECT / "docs" / lang / "index.md").read_text(encoding="utf-8") for lang in LANGS}
    repo = benchrepo.generate(root, notices, versions, home)
    for name in COPIED:
        shutil.copy2(PROJECT / name, root / name)
    (root / ".gitignore").write_text("\n".join(["/site*/", "/.cache/", "/twin-docs/", *COPIED,
                                                "mkdocs-*.yml", ""]))
    return repo


def measure(base: Path, notices: int, versions: int, repeat: int, timeout: float, profile: Path | None) -> dict:
    root = base / f"repo-{notices}x{versions}"
    log(f"== {notices} notices x {versions} versions x 2 languages in {root}")
    t0 = time.perf_counter()
    repo = make_repo(root, notices, versions)
    gen_s = time.perf_counter() - t0
    words = [word_count(text) for vs in repo.history.values() for _, text in vs]
    log(f"   generated {repo.commits} commits, {len(words)} notice versions "
        f"({statistics.mean(words):.0f} words each on average) in {gen_s:.1f} s")
    configs = write_configs(root)
    res = {"notices": notices, "versions": versions, "commits": repo.commits, "notice_versions": len(words),
           "words_mean": round(statistics.mean(words)), "generate_seconds": round(gen_s, 2)}
    log(f"   {LABELS['redlines']} (and the twin's pages) ...")
    res["redlines"], res["history"], history, redlines = benchengine.history_and_redlines(root, repo.last_time)
    res["twin_markdown_pages"] = benchtwin.write(history, redlines, repo.home, root / "twin-docs")
    del history, redlines
    subprocess.run([sys.executable, "-m", "mkdocs", "--version"], cwd=root, capture_output=True)  # warm the disk cache

    def step(name: str, fn) -> None:
        log(f"   {LABELS[name]} ...")
        res[name] = fn()
        if res[name].get("seconds") is not None:
            log(f"   {LABELS[name]}: {res[name]['seconds']:.2f} s")

    for name in ("plain", "twin"):
        step(name, lambda: repeated(repeat, lambda: build(root, configs[name], f"site-{name}",
                                                          repo.last_time, timeout)))

    def cold(workers: str):
        shutil.rmtree(root / ".cache" / "maklumat", ignore_errors=True)
        return build(root, configs["cold"], "site-maklumat", repo.last_time, timeout,
                     env={"MAKLUMAT_WORKERS": workers})
    step("cold_serial", lambda: repeated(repeat, lambda: cold(SERIAL)))
    step("cold", lambda: repeated(repeat, lambda: cold(DEFAULT)))
    # the largest resident set of any build so far: a cold one (plain and twin are smaller)
    res["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    log("   the engine's stages, cold and warm ...")
    res["stages_cold"] = benchengine.stages(root, repo.last_time, cold=True)
    res["stages_cold_serial"] = benchengine.stages(root, repo.last_time, cold=True, workers=SERIAL)
    res["stages_warm"] = benchengine.stages(root, repo.last_time, cold=False)

    def warm(keep_site: bool):   # cache from the previous build kept; one new commit since; same site_dir
        benchrepo.add_commit(repo)    # (the page cache's key reads the whole config)
        return build(root, configs["warm"], "site-maklumat", repo.last_time, timeout, keep_site=keep_site)
    step("warm", lambda: repeated(repeat, lambda: warm(True)))     # the last build's site there
    step("warm_fresh", lambda: repeated(repeat, lambda: warm(False)))   # an empty site directory

    def warm_config():   # a theme option every page shows: every page rendered again
        cfg = root / "mkdocs.yml"
        cfg.write_text(cfg.read_text("utf-8").replace("name: Mode gelap", "name: Mode gelap!", 1), "utf-8")
        return build(root, configs["warm"], "site-maklumat", repo.last_time, timeout)
    step("warm_config", lambda: repeated(repeat, warm_config))
    step("preview", lambda: benchpreview.preview(root, repo.last_time, timeout))
    if profile is not None:
        log(f"   profiling one cold Maklumat build into {profile} ...")
        shutil.rmtree(root / ".cache" / "maklumat", ignore_errors=True)
        prof = build(root, "mkdocs.yml", "site-profile", repo.last_time, timeout, profile=profile)
        res["profile"] = {"seconds": prof["seconds"], "ok": prof["ok"], **hotspots(profile, root)}
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--notices", type=int, default=20)
    ap.add_argument("--versions", type=int, default=50)
    ap.add_argument("--quick", action="store_true", help="3 notices x 5 versions: a smoke test")
    ap.add_argument("--scale", action="store_true", help="run N x V and N x 2V and print the growth")
    ap.add_argument("--repeat", type=int, default=1, help="run each build K times and take the median")
    ap.add_argument("--json", action="store_true", help="print machine-readable results only")
    ap.add_argument("--profile", type=Path, help="also profile one cold Maklumat build (cProfile output file)")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds before a build is given up")
    ap.add_argument("--workdir", type=Path, help="where to create the temporary directory")
    ap.add_argument("--keep", action="store_true", help="keep the generated repositories")
    args = ap.parse_args(argv)
    n, v = (3, 5) if args.quick else (args.notices, args.versions)
    if n < 1 or v < 2 or args.repeat < 1:
        ap.error("need at least 1 notice, 2 versions and 1 repeat")
    sizes = [(n, v), (n, 2 * v)] if args.scale else [(n, v)]
    base = Path(tempfile.mkdtemp(prefix="mkbench-", dir=args.workdir))
    try:
        results = [measure(base, a, b, args.repeat, args.timeout,
                           args.profile.resolve() if args.profile and i == 0 else None)
                   for i, (a, b) in enumerate(sizes)]
    finally:
        if args.keep:
            log(f"kept {base}")
        else:
            shutil.rmtree(base, ignore_errors=True)
    if args.json:
        print(json.dumps({"machine": machine(), "nproc": os.cpu_count(), "repeat": args.repeat,
                          "results": results}, indent=2, default=str))
    else:
        print("\n\n".join(table(r) for r in results))
        if args.scale:
            print(growth(*results))
        print(f"\nN={n} V={v}{' (and 2V)' if args.scale else ''}, machine: {machine()}, repeat={args.repeat}")
    return 0 if all(r[k]["ok"] for r in results for k in ("plain", "twin", "cold", "cold_serial", "warm", "warm_config")) else 1


if __name__ == "__main__":
    sys.exit(main())
