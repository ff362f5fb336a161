"""The benchmark's printed report: one table per size, the growth when versions double,
the engine's stages, the preview's rebuilds and the profiled build's hotspots."""
from __future__ import annotations

import os
import platform
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
LABELS = {"plain": "(1) plain MkDocs, current pages only", "twin": "(2) hand-written twin, same pages",
          "cold": "(3) Maklumat, cold cache", "cold_serial": "(3s) cold, one process (MAKLUMAT_WORKERS=1)",
          "warm": "(4) Maklumat, warm, after 1 new commit",
          "warm_fresh": "(4f) the same, into an empty site folder",
          "warm_config": "(4b) warm, after a config change (palette)",
          "preview": "(6) make serve: save a notice -> page reloaded",
          "redlines": "(5) all redlines alone", "history": "    load_history, no cache"}
BUILDS = ("plain", "twin", "cold", "cold_serial", "warm", "warm_fresh", "warm_config")


def ratio(a: dict, b: dict, what: str = "seconds") -> float | None:
    return a[what] / b[what] if a.get(what) and b.get(what) else None


def _fmt(x, spec=".2f", missing="FAILED") -> str:
    return missing if x is None else format(x, spec)


def hotspots(path: Path, root: Path, top: int = 15) -> dict:
    """The engine's and the hook's functions by cumulative time, and the hook events' share."""
    import pstats
    if not path.exists():
        return {"hotspots": []}
    stats = pstats.Stats(str(path)).stats
    ours = (str(root / "maklumat") + os.sep, str(PROJECT / "maklumat") + os.sep)
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


def table(res: dict) -> str:
    out = [f"Maklumat build benchmark: {res['notices']} notices x {res['versions']} versions x 2 languages "
           f"({res['commits']} commits, {res['notice_versions']} notice versions, ~{res['words_mean']} words each)",
           f"{'measurement':<46}{'wall s':>10}{'cpu s':>10}{'html pages':>12}"]
    for name in BUILDS:
        r = res.get(name)
        if r is None:
            continue
        runs = f"   runs: {r['runs']}" if len(r.get("runs", [])) > 1 else ""
        out.append(f"{LABELS[name]:<46}{_fmt(r['seconds']):>10}{_fmt(r['cpu'], missing='-'):>10}{r['pages']:>12}{runs}")
    p = res["preview"]
    out.append(f"{LABELS['preview']:<46}{_fmt(p.get('seconds')):>10}{'-':>10}{'':>12}"
               + (f"   first draft {p['first_draft']:.2f}, then median of {len(p['runs']) - 1}: "
                  f"{', '.join(f'{x:.2f}' for x in p['runs'][1:])}; first serve build "
                  f"{p['first_build']:.1f} s" if p.get("ok") else f"   {p.get('error', '')[-200:]}"))
    r = res["redlines"]
    extra = (f"   {r['pairs']} pairs, mean {r['mean_ms']:.1f} ms, p95 {r['p95_ms']:.1f} ms, "
             f"max {r['max_ms']:.1f} ms; + {r['html_seconds']:.2f} s to render their HTML"
             if r.get("pairs") else (" " + r["skipped"][:60] if r.get("skipped") else ""))
    out.append(f"{LABELS['redlines']:<46}{_fmt(r.get('seconds'), missing='skipped'):>10}"
               f"{_fmt(r.get('cpu'), missing='-'):>10}{'':>12}{extra}")
    h = res["history"]
    out.append(f"{LABELS['history']:<46}{_fmt(h.get('seconds'), missing='-'):>10}{_fmt(h.get('cpu'), missing='-'):>10}")
    pages = {name: res[name]["pages"] for name in ("twin", "cold") if name in res}
    out.append(f"pages (HTML, 404 pages left out): twin {pages.get('twin')}, Maklumat {pages.get('cold')}"
               f" ({'the same' if pages.get('twin') == pages.get('cold') else 'DIFFERENT'}); "
               f"twin Markdown pages written: {res['twin_markdown_pages']}")
    out.append(f"ratio (3)/(2) Maklumat cold / hand-written twin: {_fmt(ratio(res['cold'], res['twin']), missing='n/a')}"
               f"    ratio (4)/(3) warm / cold: {_fmt(ratio(res['warm'], res['cold']), missing='n/a')}"
               f"   (by cpu time: {_fmt(ratio(res['cold'], res['twin'], 'cpu'), missing='n/a')} and "
               f"{_fmt(ratio(res['warm'], res['cold'], 'cpu'), missing='n/a')})")
    out.append(f"ratio (4f)/(3) warm into an empty site folder / cold: "
               f"{_fmt(ratio(res['warm_fresh'], res['cold']), missing='n/a')}")
    out.append(f"ratio (4b)/(3) warm after a config change / cold: "
               f"{_fmt(ratio(res['warm_config'], res['cold']), missing='n/a')}"
               f"    peak memory of a build (the cold one): {res['peak_rss_mb']:.0f} MB")
    if "cold_serial" in res:
        out.append(f"ratio (3)/(3s) cold with the pool / in one process: wall "
                   f"{_fmt(ratio(res['cold'], res['cold_serial']), missing='n/a')}, cpu "
                   f"{_fmt(ratio(res['cold'], res['cold_serial'], 'cpu'), missing='n/a')}")
    out += stages_table(res)
    out += preview_split(p)
    if "profile" in res:
        p = res["profile"]
        out.append(f"\nprofiled cold build: {p['seconds']:.1f} s wall, {p['total']:.1f} s profiled; "
                   f"engine+hook own time {p['engine_self']:.1f} s; hook events (cumulative): "
                   + ", ".join(f"{k} {v:.1f} s" for k, v in sorted(p["hook_events"].items(), key=lambda kv: -kv[1])))
        out.append(f"{'cumtime':>9}{'tottime':>9}{'calls':>9}  function (maklumat/)")
        out += [f"{h['cumtime']:>9.2f}{h['tottime']:>9.2f}{h['calls']:>9}  {h['function']}" for h in p["hotspots"]]
    return "\n".join(out)


def stages_table(res: dict) -> list[str]:
    """The engine's own work in one build (benchengine.stages): cold with the pool, cold in
    one process, and with the cache the builds left."""
    cols = [("cold", res.get("stages_cold")), ("1 proc", res.get("stages_cold_serial")),
            ("warm", res.get("stages_warm"))]
    if not cols[0][1]:
        return []
    total = res["cold"].get("seconds") or 0
    out = ["", f"the engine's work in one build (in-process, the plugin's calls; % of the cold build's wall "
               f"{_fmt(total or None, missing='?')} s; cpu = the build's process only)",
           f"{'stage':<24}" + "".join(f"{name + ' s':>9}{'cpu':>7}{'%':>5}" for name, _ in cols)]
    for stage in cols[0][1]:
        row = f"{stage:<24}"
        for _, data in cols:
            d = (data or {}).get(stage, {})
            pct = f"{100 * d['seconds'] / total:.0f}" if total and d else "-"
            row += f"{_fmt(d.get('seconds'), missing='-'):>9}{_fmt(d.get('cpu'), missing='-'):>7}{pct:>5}"
        out.append(row)
    sums = [sum(d["seconds"] for d in (data or {}).values()) for _, data in cols]
    out.append(f"{'all stages':<24}" + "".join(f"{x:>9.2f}{'':>7}{(100 * x / total if total else 0):>5.0f}"
                                                for x in sums))
    return out


def preview_split(p: dict) -> list[str]:
    """Where one preview rebuild goes (benchpreview's reading of the serve log)."""
    split = p.get("split")
    if not split:
        return []
    return ["", "one preview rebuild (the last edit; from the serve log's timestamps):"] + \
        [f"  {name:<54}{seconds:>8.2f} s" for name, seconds in split]


def growth(a: dict, b: dict) -> str:
    out = [f"\nGrowth when versions double ({a['notices']}x{a['versions']} -> {b['notices']}x{b['versions']}; "
           "2.00 = linear in versions):",
           f"{'measurement':<46}{'wall at V':>10}{'at 2V':>9}{'ratio':>7}{'cpu at V':>10}{'at 2V':>9}{'ratio':>7}"]
    for name in (*BUILDS, "preview", "redlines", "history"):
        if name not in a or name not in b:
            continue
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
