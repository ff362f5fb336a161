"""`python -m maklumat init`: turn a copy of this repository (a GitHub template) into your own, empty site.

Removes the example notices of the fictional PT Seruni Data Nusantara, leaves a plain
home page per language, writes your site's name and URL into mkdocs.yml and keeps the
workflows (.github/workflows) as they are. With --fresh-history it also starts the git
history anew: the examples' commits would otherwise count as published, then withdrawn,
notices.
"""
from __future__ import annotations

import argparse
import re
import subprocess
from pathlib import Path

from maklumat import catalog
from maklumat.errors import MaklumatError
from maklumat.mkdocs.config import load_settings
from maklumat.publish.strings import t


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("init", help="start your own site from this template: no notices yet",
                              description=__doc__.splitlines()[0])
    p.add_argument("--name", required=True, help="your site's name, e.g. 'Acme — Privacy Notices'")
    p.add_argument("--site-url", required=True,
                   help="where the site will be published, e.g. https://privacy.acme.example/")
    p.add_argument("--repo-url", default=None, help="your repository's web address (for 'edit' links)")
    p.add_argument("--repo", type=Path, default=Path("."), help="repository root (default: .)")
    p.add_argument("--fresh-history", action="store_true",
                   help="replace the git history with one commit of the emptied site")


def run(args: argparse.Namespace) -> int:
    root = Path(args.repo)
    config = root / "mkdocs.yml"
    settings = load_settings(config)
    words = settings.messages_lang
    if not args.site_url.startswith(("https://", "http://")):
        raise MaklumatError(catalog.say(words, "init_site_url", url=repr(args.site_url)))
    removed = 0
    for lang in settings.languages:
        folder = root / settings.docs_dir / lang
        for path in sorted(folder.rglob("*"), reverse=True) if folder.is_dir() else []:
            if path.is_dir():
                path.rmdir() if not any(path.iterdir()) else None
            elif path.name != "index.md" or path.parent != folder:
                path.unlink()
                removed += 1
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.md").write_text(f"# {t(lang, 'notices')}\n", encoding="utf-8")
    config.write_text(_configured(config.read_text(encoding="utf-8"), args), encoding="utf-8")
    print(catalog.say(words, "init_removed", removed=removed, name=args.name, url=args.site_url))
    if args.fresh_history:
        try:
            _fresh_history(root)
        except MaklumatError as exc:
            raise exc.worded(words) from None
        print(catalog.message(words, "init_fresh"))
    else:
        print(catalog.message(words, "init_commit"))
    print(catalog.message(words, "init_next"))
    return 0


def _configured(text: str, args: argparse.Namespace) -> str:
    """mkdocs.yml with the example's names replaced (comments and everything else kept)."""
    text = re.sub(r"(?m)^[ \t]+site_(name|description): .*\n", "", text)   # per-language example names
    text = re.sub(r"(?m)^site_description: .*\n", "", text)
    text = re.sub(r"(?m)^site_name: .*$", f"site_name: {_quoted(args.name)}", text)
    text = re.sub(r"(?m)^site_url: .*$", f"site_url: {_quoted(args.site_url)}", text)
    if args.repo_url:
        text = re.sub(r"(?m)^repo_url: .*$", f"repo_url: {_quoted(args.repo_url)}", text)
    else:   # no repository address yet: no 'edit' links (edit_uri needs repo_url)
        text = re.sub(r"(?m)^(repo_url|edit_uri): .*\n", "", text)
    return text


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _fresh_history(root: Path) -> None:
    def git(*cmd: str) -> str:
        done = subprocess.run(["git", *cmd], cwd=root, capture_output=True, text=True)
        if done.returncode != 0:
            raise MaklumatError.say("init_git_failed", str(root), command=" ".join(cmd), problem=done.stderr.strip())
        return done.stdout.strip()
    branch = git("rev-parse", "--abbrev-ref", "HEAD")
    git("checkout", "-q", "--orphan", "maklumat-init")
    git("add", "-A")
    git("commit", "-q", "-m", "Start from the Maklumat template: no notices yet")
    git("branch", "-M", branch)
