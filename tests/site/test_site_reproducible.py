"""Reproducible builds: the same commit builds to the same bytes, whatever the
machine's time zone, locale, hash seed, checkout and output directory or wall clock."""
from __future__ import annotations

import difflib
import os

from clock import shifted_env
from site_build import build, checkout_copy

# Everything a build might leak into its output, different from the session's build:
# another time zone, locale, hash seed, a fresh cache, and every clock ten years ahead.
OTHER_ENV = {"TZ": "Pacific/Kiritimati", "LANG": "POSIX", "LC_ALL": "POSIX", "PYTHONHASHSEED": "4242"}


def test_two_builds_are_byte_identical(built_site, sample_checkout, tmp_path):
    first = built_site   # the session's build of the sample, in this process (site_build.build_here)
    source = checkout_copy(tmp_path / "elsewhere" / "checkout", sample_checkout)   # same state, cold cache
    env = shifted_env({**OTHER_ENV, "PYTHONPATH": os.pathsep.join(
        filter(None, [str(source), os.environ.get("PYTHONPATH")]))})
    second = build(source, tmp_path / "elsewhere" / "second", env=env)   # a new process: `mkdocs build`
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
