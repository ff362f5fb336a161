#!/usr/bin/env python3
"""Build-time benchmark of Maklumat on a synthetic repository (issue 2; issue 3's redlines).

Generates N notices x V versions x 2 languages with git fast-import in a temporary
directory (the project's mkdocs.yml copied beside, the plugin installed;
them), then measures, in one run:
  (1) plain MkDocs + Material + static-i18n, current pages only (no hook, no history);
  (2) the hand-written twin: every version as an ordinary page at Maklumat's path, out
      of the nav, no hook: the floor for producing those pages through MkDocs;
  (3) the Maklumat build from a cold cache (.cache/maklumat deleted);
  (4) a warm rebuild after one new commit (cache kept from (3)), (4b) after a config change;
  (5) every redline alone: redline(prev, cur) for each consecutive pair of versions;
  (6) `mkdocs serve` (what `make serve` runs): a notice saved, the time until the page is served again.
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
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchdata  # noqa: E402
import benchpreview  # noqa: E402

PROJECT = Path(__file__).resolve().parent.parent
COPIED = ("mkdocs.yml",)   # the plugin itself is installed (pip install -e .)
LABELS = {"plain": "(1) plain MkDocs, current pages only", "twin": "(2) hand-written twin, all versions",
          "cold": "(3) Maklumat, cold cache", "warm": "(4) Maklumat, warm, after 1 new commit",
          "warm_config": "(4b) warm, after a config change (palette)",
          "preview": "(6) make serve: save a notice -> page reloaded",
          "redlines": "(5) all redlines alone", "history": "    load_history, no cache"}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# ---- set-up ------------------------------------------------------------------------------
def make_repo(root: Path, notices: int, versions: int) -> benchdata.Repo:
    home = {lang: (PROJECT / "docs" / lang / "index.md").read_text(encoding="utf-8") for lang in benchdata.LANGS}
    repo = benchdata.generate(root, notices, versions, home)
    for name in COPIED:
        src = PROJECT / name
        if src.is_dir():
            shutil.copytree(src, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, root / name)
    (root / ".gitignore").write_text("\n".join(["/site*/", "/.cache/", "/twin-docs/", *COPIED,
                                                "mkdocs-*.yml", ""]))
    return repo


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


# ---- measurements --------------------------------------------------------------------------
def build(root: Path, config: str, site: str, epoch: int, timeout: float, profile: Path | None = None) -> dict:
    shutil.rmtree(root / site, ignore_errors=True)
    cmd = [sys.executable]
    if profile is not None:
        cmd += ["-m", "cProfile", "-o", str(profile)]
    cmd += ["-m", "mkdocs", "build", "--strict", "-q", "-f", config, "-d", site]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(epoch)}
    t0, r0 = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        proc = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, timeout=timeout)
        ok, output = proc.returncode == 0, proc.stderr + proc.stdout
    except subprocess.TimeoutExpired as exc:
        ok, output = False, f"timed out after {timeout:.0f} s\n{exc.stderr or ''}"
    seconds, r1 = time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)   # less sensitive to a busy machine
    pages = sum(1 for _ in (root / site).rglob("*.html")) if (root / site).is_dir() else 0
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


def redline_cost(root: Path, epoch: int) -> tuple[dict, dict]:
    """(5): load_history without a cache, then redline(prev, cur) for every consecutive pair."""
    if str(PROJECT) not in sys.path:
        sys.path.insert(0, str(PROJECT))
    try:
        from maklumat.history.notices import load_history
        from maklumat.model import Settings
    except ImportError as exc:
        log(f"    skipped: the history engine cannot be imported ({exc})")
        return {"seconds": None, "ok": False, "skipped": str(exc)}, {"seconds": None, "ok": False}
    settings = Settings(languages=benchdata.LANGS, prevailing="id", root_lang="id", timezone="Asia/Jakarta",
                        docs_dir="docs", site_url="https://privasi.seruni.example/",
                        build_date=benchdata._date(epoch))   # as the build would see it (Asia/Jakarta)
    t0, c0 = time.perf_counter(), time.process_time()
    try:
        history = load_history(root, settings)
    except Exception as exc:  # noqa: BLE001 - the engine is still moving: report and go on
        log(f"    load_history failed: {type(exc).__name__}: {exc}")
        return {"seconds": None, "ok": False, "skipped": f"load_history failed: {exc}"}, {"seconds": None, "ok": False}
    hist = {"seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0, "ok": True}
    try:
        from maklumat.redline.compare import redline
    except ImportError as exc:
        log(f"    skipped: maklumat.redline is not there yet ({exc})")
        return {"seconds": None, "ok": False, "skipped": str(exc)}, hist
    pairs = [(f.lang, history.text(a), history.text(b)) for n in history.notices.values()
             for f in n.files.values() for a, b in zip(f.versions, f.versions[1:])]
    times, html_s, html_cpu, errors = [], 0.0, 0.0, []
    c0 = time.process_time()
    for lang, old, new in pairs:
        t0 = time.perf_counter()
        try:
            result = redline(old, new)
        except Exception as exc:  # noqa: BLE001 - report and go on: one bad pair must not hide the rest
            errors.append(f"{type(exc).__name__}: {exc}")
            result = None
        times.append(time.perf_counter() - t0)
        if result is not None and hasattr(result, "html"):   # what the "what changed" page adds
            t0, h0 = time.perf_counter(), time.process_time()
            try:
                result.summary_html(lang), result.html(lang)
            except Exception as exc:  # noqa: BLE001
                errors.append(f"rendering: {type(exc).__name__}: {exc}")
            html_s += time.perf_counter() - t0
            html_cpu += time.process_time() - h0
    cpu = time.process_time() - c0 - html_cpu
    if errors:
        log(f"    {len(errors)} redline(s) raised; first: {errors[0]}")
    times.sort()
    return {"seconds": sum(times), "cpu": cpu, "ok": not errors, "pairs": len(pairs), "errors": len(errors),
            "html_seconds": html_s,
            "mean_ms": 1000 * sum(times) / len(times) if times else None,
            "p95_ms": 1000 * times[int(0.95 * (len(times) - 1))] if times else None,
            "max_ms": 1000 * times[-1] if times else None}, hist


def measure(base: Path, notices: int, versions: int, repeat: int, timeout: float, profile: Path | None) -> dict:
    root = base / f"repo-{notices}x{versions}"
    log(f"== {notices} notices x {versions} versions x 2 languages in {root}")
    t0 = time.perf_counter()
    repo = make_repo(root, notices, versions)
    gen_s = time.perf_counter() - t0
    words = [benchdata.word_count(text) for vs in repo.history.values() for _, text in vs]
    log(f"   generated {repo.commits} commits, {len(words)} notice versions "
        f"({statistics.mean(words):.0f} words each on average) in {gen_s:.1f} s")
    configs = write_configs(root)
    twin_pages = benchdata.write_twin(repo, root / "twin-docs")
    subprocess.run([sys.executable, "-m", "mkdocs", "--version"], cwd=root, capture_output=True)  # warm the disk cache
    res = {"notices": notices, "versions": versions, "commits": repo.commits, "notice_versions": len(words),
           "words_mean": round(statistics.mean(words)), "generate_seconds": round(gen_s, 2),
           "twin_markdown_pages": twin_pages}

    def step(name: str, fn) -> None:
        log(f"   {LABELS[name]} ...")
        res[name] = fn()
        if res[name].get("seconds") is not None:
            log(f"   {LABELS[name]}: {res[name]['seconds']:.2f} s")

    for name in ("plain", "twin"):
        step(name, lambda: repeated(repeat, lambda: build(root, configs[name], f"site-{name}",
                                                          repo.last_time, timeout)))

    def cold():
        shutil.rmtree(root / ".cache" / "maklumat", ignore_errors=True)
        return build(root, configs["cold"], "site-maklumat", repo.last_time, timeout)
    step("cold", lambda: repeated(repeat, cold))
    # the largest resident set of any build so far: the cold one (plain and twin are smaller)
    res["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    def warm():   # cache from the previous build kept; one new commit since; same site_dir
        benchdata.add_commit(repo)    # (the page cache's key reads the whole config)
        return build(root, configs["warm"], "site-maklumat", repo.last_time, timeout)
    step("warm", lambda: repeated(repeat, warm))

    def warm_config():   # a theme option every page shows: every page rendered again
        cfg = root / "mkdocs.yml"
        cfg.write_text(cfg.read_text("utf-8").replace("name: Mode gelap", "name: Mode gelap!", 1), "utf-8")
        return build(root, configs["warm"], "site-maklumat", repo.last_time, timeout)
    step("warm_config", lambda: repeated(repeat, warm_config))
    step("preview", lambda: benchpreview.preview(root, repo.last_time, timeout))
    log(f"   {LABELS['redlines']} ...")
    res["redlines"], res["history"] = redline_cost(root, repo.last_time)
    if res["redlines"].get("seconds") is not None:
        log(f"   {LABELS['redlines']}: {res['redlines']['seconds']:.2f} s")
    if profile is not None:
        log(f"   profiling one cold Maklumat build into {profile} ...")
        shutil.rmtree(root / ".cache" / "maklumat", ignore_errors=True)
        prof = build(root, "mkdocs.yml", "site-profile", repo.last_time, timeout, profile=profile)
        res["profile"] = {"seconds": prof["seconds"], "ok": prof["ok"], **hotspots(profile, root)}
    res["ratio_cold_twin"] = _ratio(res["cold"], res["twin"])
    res["ratio_warm_cold"] = _ratio(res["warm"], res["cold"])
    res["cpu_ratio_cold_twin"] = _ratio(res["cold"], res["twin"], "cpu")
    res["cpu_ratio_warm_cold"] = _ratio(res["warm"], res["cold"], "cpu")
    return res


def _ratio(a: dict, b: dict, what: str = "seconds") -> float | None:
    return a[what] / b[what] if a.get(what) and b.get(what) else None


def hotspots(path: Path, root: Path, top: int = 15) -> dict:
    """The engine's and the hook's functions by cumulative time, and the hook events' share."""
    import pstats
    if not path.exists():
        return {"hotspots": []}
    stats = pstats.Stats(str(path)).stats
    ours = (str(root / "maklumat") + os.sep, str(PROJECT / "maklumat" / "mkdocs") + os.sep, str(PROJECT / "maklumat") + os.sep)
    rows = []
    for (file, line, func), (_cc, nc, tt, ct, _callers) in stats.items():
        if file.startswith(ours):
            rel = os.path.relpath(file, root if file.startswith(str(root)) else PROJECT)
            rows.append({"function": f"{rel}:{line}({func})", "calls": nc, "tottime": tt, "cumtime": ct})
    rows.sort(key=lambda r: -r["cumtime"])
    total = max((v[3] for v in stats.values()), default=0.0)
    events = {r["function"].rsplit("(", 1)[1][:-1]: r["cumtime"] for r in rows
              if "maklumat" + os.sep + "mkdocs" + os.sep in r["function"] and "(on_" in r["function"]}
    return {"total": total, "engine_self": sum(r["tottime"] for r in rows), "hook_events": events,
            "hotspots": rows[:top]}


# ---- report ----------------------------------------------------------------------------------
def _fmt(x, spec=".2f", missing="FAILED") -> str:
    return missing if x is None else format(x, spec)


def table(res: dict) -> str:
    out = [f"Maklumat build benchmark: {res['notices']} notices x {res['versions']} versions x 2 languages "
           f"({res['commits']} commits, {res['notice_versions']} notice versions, ~{res['words_mean']} words each)",
           f"{'measurement':<46}{'wall s':>10}{'cpu s':>10}{'html pages':>12}"]
    for name in ("plain", "twin", "cold", "warm", "warm_config"):
        r = res[name]
        runs = f"   runs: {r['runs']}" if len(r.get("runs", [])) > 1 else ""
        out.append(f"{LABELS[name]:<46}{_fmt(r['seconds']):>10}{_fmt(r['cpu'], missing='-'):>10}{r['pages']:>12}{runs}")
    p = res["preview"]
    out.append(f"{LABELS['preview']:<46}{_fmt(p.get('seconds')):>10}{'-':>10}{'':>12}"
               + (f"   runs: {', '.join(f'{x:.2f}' for x in p['runs'])}; first serve build "
                  f"{p['first_build']:.1f} s" if p.get("ok") else f"   {p.get('error', '')[-200:]}"))
    r = res["redlines"]
    extra = (f"   {r['pairs']} pairs, mean {r['mean_ms']:.1f} ms, p95 {r['p95_ms']:.1f} ms, "
             f"max {r['max_ms']:.1f} ms; + {r['html_seconds']:.2f} s to render their HTML"
             if r.get("pairs") else (" " + r["skipped"][:60] if r.get("skipped") else ""))
    out.append(f"{LABELS['redlines']:<46}{_fmt(r.get('seconds'), missing='skipped'):>10}"
               f"{_fmt(r.get('cpu'), missing='-'):>10}{'':>12}{extra}")
    h = res["history"]
    out.append(f"{LABELS['history']:<46}{_fmt(h.get('seconds'), missing='-'):>10}{_fmt(h.get('cpu'), missing='-'):>10}")
    out.append(f"ratio (3)/(2) Maklumat cold / hand-written twin: {_fmt(res['ratio_cold_twin'], missing='n/a')}"
               f"    ratio (4)/(3) warm / cold: {_fmt(res['ratio_warm_cold'], missing='n/a')}"
               f"   (by cpu time: {_fmt(_ratio(res['cold'], res['twin'], 'cpu'), missing='n/a')} and "
               f"{_fmt(_ratio(res['warm'], res['cold'], 'cpu'), missing='n/a')})")
    out.append(f"ratio (4b)/(3) warm after a config change / cold: "
               f"{_fmt(_ratio(res['warm_config'], res['cold']), missing='n/a')}"
               f"    peak memory of a build (the cold one): {res['peak_rss_mb']:.0f} MB")
    if "profile" in res:
        p = res["profile"]
        out.append(f"\nprofiled cold build: {p['seconds']:.1f} s wall, {p['total']:.1f} s profiled; "
                   f"engine+hook own time {p['engine_self']:.1f} s; hook events (cumulative): "
                   + ", ".join(f"{k} {v:.1f} s" for k, v in sorted(p["hook_events"].items(), key=lambda kv: -kv[1])))
        out.append(f"{'cumtime':>9}{'tottime':>9}{'calls':>9}  function (maklumat/)")
        out += [f"{h['cumtime']:>9.2f}{h['tottime']:>9.2f}{h['calls']:>9}  {h['function']}" for h in p["hotspots"]]
    return "\n".join(out)


def growth(a: dict, b: dict) -> str:
    out = [f"\nGrowth when versions double ({a['notices']}x{a['versions']} -> {b['notices']}x{b['versions']}; "
           "2.00 = linear in versions):",
           f"{'measurement':<46}{'wall at V':>10}{'at 2V':>9}{'ratio':>7}{'cpu at V':>10}{'at 2V':>9}{'ratio':>7}"]
    for name in ("plain", "twin", "cold", "warm", "warm_config", "preview", "redlines", "history"):
        row = f"{LABELS[name]:<46}"
        for what, width in (("seconds", 10), ("cpu", 10)):
            x, y = a[name].get(what), b[name].get(what)
            row += (f"{_fmt(x, missing='-'):>{width}}{_fmt(y, missing='-'):>9}"
                    f"{_fmt(y / x if x and y else None, missing='n/a'):>7}")
        out.append(row)
    out.append(f"(mean words per version {a['words_mean']} -> {b['words_mean']}: later versions are a little longer)")
    return "\n".join(out)


def machine() -> str:
    return f"nproc={os.cpu_count()} {platform.machine()} {platform.system()} Python {platform.python_version()}"


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
    return 0 if all(r[k]["ok"] for r in results for k in ("plain", "twin", "cold", "warm", "warm_config")) else 1


if __name__ == "__main__":
    sys.exit(main())
