"""`python -m maklumat verify --published URL-or-file`: would this build lose or change a published version?

Builds the manifest of HEAD (the same `notices.json` the site build writes) and compares
it with the published one (guard.py). Exit status: 0 = nothing published is lost or
changed (or nothing was published yet), 1 = this build would lose or change published
versions (each is named, with the fix), 2 = usage/input error.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import urllib.error
import urllib.request
from pathlib import Path

from maklumat.buildinfo import build_date
from maklumat.errors import MaklumatError
from maklumat.history import guard
from maklumat.mkdocs.config import load_settings


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("verify", help="check that this build keeps every published version",
                              description=__doc__.splitlines()[0])
    p.add_argument("--published", metavar="URL-or-file",
                   help="the published notices.json (default: <site_url>notices.json, site_url as in mkdocs.yml)")
    p.add_argument("--repo", type=Path, default=Path("."), help="repository root (default: .)")
    p.add_argument("-f", "--config-file", type=Path, default=None,
                   help="the MkDocs configuration (default: mkdocs.yml in the repository)")


def run(args: argparse.Namespace) -> int:
    repo = Path(args.repo)
    settings = load_settings(args.config_file or repo / "mkdocs.yml")
    settings = dataclasses.replace(settings, build_date=build_date(settings.timezone))
    source = args.published or (settings.site_url + "notices.json" if settings.site_url else None)
    if not source:
        raise MaklumatError("say where the published notices.json is: --published URL-or-file "
                            "(or set site_url in mkdocs.yml)", str(repo / "mkdocs.yml"))
    raw = _read(source)
    if raw is None:
        print(f"note: there is no published notices.json at {source} yet: this is the first deploy, "
              "so there is nothing to compare with.")
        return 0
    try:
        published = json.loads(raw)
        if not isinstance(published, dict):
            raise ValueError("not a JSON object")
    except ValueError as exc:
        raise MaklumatError(f"the published notices.json is not valid JSON ({exc})", source) from None
    from maklumat.history.notices import load_history
    from maklumat.publish.manifest import build_manifest
    history = load_history(repo, settings, cache_dir=repo / ".cache" / "maklumat")   # the build's cache
    current = json.loads(build_manifest(history))
    for note in history.notes:
        print(note)
    losses = guard.compare(published, current)
    count = sum(len(n.get("languages", {}).get(lang, {}).get("versions", []))
                for n in published.get("notices", {}).values() for lang in n.get("languages", {}))
    if not losses:
        print(f"ok: every published version ({count}) is still in this build, with the same text and dates.")
        return 0
    print(f"error: this build would lose or change {len(losses)} published version"
          f"{'s' if len(losses) != 1 else ''} of {source}:")
    for loss in losses:
        print(f"  - {loss.message}")
    print(guard.fix_advice(published))
    return 1


def _read(source: str) -> bytes | None:
    """The published manifest's bytes, or None when nothing is published there yet."""
    if source.startswith(("https://", "http://")):
        try:
            with urllib.request.urlopen(source, timeout=30) as response:   # noqa: S310 (http/https only)
                return response.read()
        except urllib.error.HTTPError as exc:
            if exc.code == 404:
                return None
            raise MaklumatError(f"could not read the published notices.json (HTTP {exc.code}); "
                                "try again, the deploy is stopped until it can be compared", source) from None
        except (urllib.error.URLError, OSError) as exc:
            raise MaklumatError(f"could not read the published notices.json ({exc}); try again, the "
                                "deploy is stopped until it can be compared", source) from None
    path = Path(source)
    if not path.exists():
        return None
    try:
        return path.read_bytes()
    except OSError as exc:
        raise MaklumatError(f"could not read the published notices.json ({exc.strerror})", source) from None
