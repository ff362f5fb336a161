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

from maklumat import cachedir, catalog
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
    lang = settings.messages_lang
    source = args.published or (settings.site_url + "notices.json" if settings.site_url else None)
    if not source:
        raise MaklumatError(catalog.message(lang, "verify_no_source"), str(repo / "mkdocs.yml"))
    try:
        raw = _read(source)
    except MaklumatError as exc:
        raise exc.worded(lang) from None
    if raw is None:
        print(catalog.say(lang, "verify_first_deploy", source=source))
        return 0
    try:
        published = json.loads(raw)
        if not isinstance(published, dict):
            raise ValueError("not a JSON object")
    except ValueError as exc:
        raise MaklumatError(catalog.say(lang, "verify_bad_json", problem=exc), source) from None
    from maklumat.history.notices import load_history
    from maklumat.publish.manifest import build_manifest
    history = load_history(repo, settings, cache_dir=cachedir.of(repo))   # the build's cache
    current = json.loads(build_manifest(history))
    for note in history.notes:
        print(note)
    losses = guard.compare(published, current, lang)
    count = sum(len(n.get("languages", {}).get(lang, {}).get("versions", []))
                for n in published.get("notices", {}).values() for lang in n.get("languages", {}))
    if not losses:
        print(catalog.say(lang, "verify_ok", count=count))
        return 0
    print(catalog.say(lang, "verify_losses", source=source,
                      losses=catalog.plural(lang, "verify_n_versions", len(losses)).format(n=len(losses))))
    for loss in losses:
        print(f"  - {loss.message}")
    print(guard.fix_advice(published, lang))
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
            raise MaklumatError.say("verify_http", source, code=exc.code) from None
        except (urllib.error.URLError, OSError) as exc:
            raise MaklumatError.say("verify_unreachable", source, problem=str(exc)) from None
    path = Path(source)
    if not path.exists():
        return None
    try:
        return path.read_bytes()
    except OSError as exc:
        raise MaklumatError.say("verify_unreadable", source, problem=exc.strerror) from None
