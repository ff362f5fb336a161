"""Reproducible builds: the same commit builds to the same bytes, whatever the
machine's time zone, locale, hash seed, output directory or wall clock."""
from __future__ import annotations

import difflib
import time

from site_build import PROJECT, build, snapshot

# Everything a build might leak into its output, different in each build.
FIRST_ENV = {"TZ": "UTC", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "1"}
OTHER_ENV = {"TZ": "Pacific/Kiritimati", "LANG": "POSIX", "LC_ALL": "POSIX", "PYTHONHASHSEED": "4242"}


def test_two_builds_are_byte_identical(tmp_path):
    source = snapshot(PROJECT, tmp_path / "source")  # both builds read one state of the tree
    started = time.time()
    first = build(source, tmp_path / "first", env=FIRST_ENV)
    time.sleep(max(0.0, started + 1.5 - time.time()))  # a later wall clock for the second
    second = build(source, tmp_path / "elsewhere" / "second", env=OTHER_ENV)
    files = {p.relative_to(first) for p in first.rglob("*") if p.is_file()}
    again = {p.relative_to(second) for p in second.rglob("*") if p.is_file()}
    assert files == again, f"the builds hold different files: {sorted(files ^ again)[:20]}"
    for expected in ("sitemap.xml.gz", "search/search_index.json", "notices.json", "feed.xml",
                     "en/feed.xml"):
        assert any(f.as_posix() == expected for f in files), f"the build has no {expected}"
    differing = sorted(f for f in files if (first / f).read_bytes() != (second / f).read_bytes())
    assert not differing, (f"{len(differing)} of {len(files)} files differ: "
                           f"{[f.as_posix() for f in differing[:30]]}\n{_first_diff(first, second, differing)}")


def _first_diff(first, second, differing) -> str:
    for name in differing:
        try:
            a = (first / name).read_text(encoding="utf-8").splitlines()
            b = (second / name).read_text(encoding="utf-8").splitlines()
        except UnicodeDecodeError:
            continue
        return "\n".join(list(difflib.unified_diff(a, b, str(name), str(name), n=1, lineterm=""))[:40])
    return "(only binary files differ)"
