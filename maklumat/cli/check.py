"""`python -m maklumat check`: do the translations match the prevailing texts?

Reads the texts being published, the committed docs/<lang>/**/*.md at HEAD (the working
tree only when there is no git), checks each notice's pair (parity.py) and, from git
history, whether one language moved without the other (lag.py). Uncommitted edits are
not checked (they are not published); a note names them. Exit status: 0 = no problem, 1 = problems, 2 = usage/input error.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import subprocess
import sys
from pathlib import Path

from babel.lists import format_list

from maklumat import catalog
from maklumat.history import worktree
from maklumat.markdown import rendering
from maklumat.mkdocs.config import load_settings
from maklumat.model import Settings, SiteHistory
from maklumat.parity import messages
from maklumat.parity.checks import Problem
from maklumat.parity.problems import collect_problems, notice_paths
from maklumat.publish import reserved
from maklumat.publish.strings import language_name


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("check", help="check that the translations match the prevailing texts",
                              description=__doc__.splitlines()[0])
    p.add_argument("--format", choices=["text", "json", "github"], default="text",
                   help="text (default), json, or github (workflow annotations)")
    p.add_argument("--repo", type=Path, default=Path("."), help="repository root (default: .)")
    p.add_argument("-f", "--config-file", type=Path, default=None,
                   help="the MkDocs configuration (default: mkdocs.yml in the repository)")
    p.add_argument("--no-history", action="store_true", help="skip the translation-lag check")


def run(args: argparse.Namespace) -> int:
    repo = Path(args.repo)
    settings = load_settings(args.config_file or repo / "mkdocs.yml")
    rendering.use(settings.markdown)   # parity reads what the site renders
    worktree.check_tree(repo, settings)
    reserved.check_tree(repo, settings)   # the build would stop there too: say so before it
    history = _history(repo, settings)
    if history is not None:
        reserved.check_history(history)
    problems, notices = collect_problems(repo, settings, history=history, lag=not args.no_history)
    if history is not None:
        problems = _uncommitted(repo, settings, history, problems)
    print(render(problems, notices, args.format, settings))
    return 1 if problems else 0


def _history(repo: Path, settings: Settings) -> SiteHistory | None:
    """Git history for the lag check; a plain directory (no git) is checked without it."""
    import git

    try:
        git.Repo(repo, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        print(_say(settings, "cli_not_git", repo=repo), file=sys.stderr)
        return None
    from maklumat.history.notices import (
        load_history,  # imported late: a plain directory needs no git
    )

    return load_history(repo, settings)


def _uncommitted(repo: Path, settings: Settings, history: SiteHistory, problems: list[Problem]) -> list[Problem]:
    """Name working-tree notices that differ from HEAD: check reads what gets published.
    A lag on a file whose edits are not committed yet is told as what it is (uncommitted
    edits), not as a translation nobody started."""
    # Against HEAD's files as git sees them (one `git status`), not against the last
    # version: a committed change readers cannot see (a re-wrap) is no version, yet committed.
    notices = {f.path for n in history.notices.values() for f in n.files.values()}
    notices |= {p for by_lang in notice_paths(repo, settings).values() for p in by_lang.values()}
    out = subprocess.run(["git", "-C", str(repo), "status", "--porcelain", "--no-renames", "-z", "--",
                          settings.docs_dir], capture_output=True, check=False).stdout
    top = subprocess.run(["git", "-C", str(repo), "rev-parse", "--show-prefix"], capture_output=True,
                         check=False).stdout.decode().strip()
    changed = sorted({entry[3:].decode("utf-8", "replace").removeprefix(top)
                      for entry in out.split(b"\0") if len(entry) > 3} & notices)
    if changed:
        print(_say(settings, "cli_uncommitted", paths=", ".join(changed)), file=sys.stderr)
    return [dataclasses.replace(p, code="uncommitted") if p.code.startswith("lag-") and p.path in changed else p
            for p in problems]


def render(problems: list[Problem], notices: int, fmt: str, settings: Settings) -> str:
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if fmt == "json":
        return json.dumps({"notices": notices, "errors": errors, "warnings": warnings,
                           "problems": [p.to_dict() for p in problems]}, ensure_ascii=False, indent=2)
    lang, prevailing = settings.messages_lang, settings.prevailing
    langs = format_list([language_name(lng, lang) for lng in settings.languages], locale=lang)
    if not problems:
        summary = _say(settings, "cli_no_problems", notices=_count(lang, "cli_notices", notices), languages=langs)
    else:
        summary = _say(settings, "cli_problems_summary", problems=_count(lang, "cli_problems", len(problems)),
                       errors=_count(lang, "cli_errors", errors), warnings=_count(lang, "cli_warnings", warnings),
                       notices=_count(lang, "cli_notices", notices))
        summary += "\n" + messages.summary(problems, lang, prevailing)
    if fmt == "github":
        lines = [f"::{p.severity} file={_prop(p.path)},line={p.line or 1}::{_data(messages.text(p, lang, prevailing))}"
                 for p in problems]
    else:
        lines = [messages.line(p, lang, prevailing) for p in problems]
    return "\n".join(lines + [summary])


def _say(settings: Settings, key: str, **fields) -> str:
    return catalog.message(settings.messages_lang, key).format(**fields)


def _count(lang: str, key: str, n: int) -> str:
    """"1 notice", "3 notices": the catalog's plural forms."""
    return catalog.plural(lang, key, n).format(n=n)


def _data(text: str) -> str:
    """GitHub workflow-command escaping of a message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")

