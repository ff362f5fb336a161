"""`python -m maklumat check`: do the translations match the prevailing texts?

Reads the current texts of docs/<lang>/**/*.md from the working tree, checks each
notice's pair (parity.py) and, from git history, whether one language moved without
the other (lag.py). Exit status: 0 = no problem, 1 = problems, 2 = usage/input error.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import frontmatter, rendering
from .lag import IN_SYNC, PREVAILING_BEHIND, lag_message, lag_state
from .model import Settings, SiteHistory
from .parity import Problem, compare, lang_name, missing_translation
from .sections import parse_document
from .siteconfig import load_settings


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("check", help="check that the translations match the prevailing texts",
                              description=__doc__.splitlines()[0])
    p.add_argument("--format", choices=["text", "json", "github"], default="text",
                   help="text (default), json, or github (workflow annotations)")
    p.add_argument("--repo", type=Path, default=Path("."), help="repository root (default: .)")
    p.add_argument("--no-history", action="store_true", help="skip the translation-lag check (no git needed)")


def run(args: argparse.Namespace) -> int:
    repo = Path(args.repo)
    settings = load_settings(repo / "mkdocs.yml")
    rendering.use(settings.markdown)   # parity reads what the site renders
    history = None if args.no_history else _history(repo, settings)
    problems, notices = collect_problems(repo, settings, history=history)
    print(render(problems, notices, args.format, settings))
    return 1 if problems else 0


def notice_paths(repo_root: Path, settings: Settings) -> dict[str, dict[str, str]]:
    """key -> lang -> repository path, for every notice in the working tree (a
    language's home page, docs/<lang>/index.md, is not a notice)."""
    found: dict[str, dict[str, str]] = {}
    for lang in settings.languages:
        base = repo_root / settings.docs_dir / lang
        for path in sorted(base.rglob("*.md")) if base.is_dir() else []:
            key = path.relative_to(base).with_suffix("").as_posix()
            if key != "index":
                found.setdefault(key, {})[lang] = path.relative_to(repo_root).as_posix()
    return dict(sorted(found.items()))


def collect_problems(repo_root: Path, settings: Settings, *,
                     history: SiteHistory | None = None) -> tuple[list[Problem], int]:
    """All parity (and, given history, lag) problems, and the number of notices.
    Raises MaklumatError (file and line) for a text that cannot be read."""
    prevailing = settings.prevailing
    problems: list[Problem] = []
    paths = notice_paths(repo_root, settings)
    for key, by_lang in paths.items():
        docs = {lang: parse_document(frontmatter.clean_text((repo_root / p).read_bytes(), p), p)
                for lang, p in by_lang.items()}
        have = prevailing if prevailing in docs else next(iter(docs))
        for missing in (lang for lang in settings.languages if lang not in docs):
            want = f"{settings.docs_dir}/{missing}/{key}.md"
            problems.append(missing_translation(by_lang[have], have, missing, want, prevailing))
        if prevailing not in docs:
            continue
        for lang, doc in docs.items():
            if lang != prevailing:
                problems.extend(compare(docs[prevailing], prevailing, doc, lang))
                if history is not None and key in history.notices:
                    problems.extend(_lag_problems(history, key, prevailing, lang, by_lang))
    return problems, len(paths)


def _lag_problems(history: SiteHistory, key: str, prevailing: str, lang: str,
                  by_lang: dict[str, str]) -> list[Problem]:
    notice = history.notices[key]
    if not all(lng in notice.files and notice.files[lng].withdrawn_at is None for lng in (prevailing, lang)):
        return []
    state = lag_state(notice, prevailing, lang)
    if state.status == IN_SYNC:
        return []
    behind = prevailing if state.ahead_lang != prevailing else lang
    code = "lag-" + state.status
    message = lag_message(state, prevailing, lang_name)
    severity = "error" if state.status == PREVAILING_BEHIND else "warning"
    return [Problem(code, severity, message, by_lang[behind], 1, behind)]


def _history(repo: Path, settings: Settings) -> SiteHistory | None:
    """Git history for the lag check; a plain directory (no git) is checked without it."""
    import git

    try:
        git.Repo(repo, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        print(f"note: {repo} is not a git repository; translation lag not checked", file=sys.stderr)
        return None
    from .history import load_history   # imported late: a plain directory needs no git

    return load_history(repo, settings)


def render(problems: list[Problem], notices: int, fmt: str, settings: Settings) -> str:
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if fmt == "json":
        return json.dumps({"notices": notices, "errors": errors, "warnings": warnings,
                           "problems": [p.to_dict() for p in problems]}, ensure_ascii=False, indent=2)
    langs = " and ".join(lang_name(lang) for lang in settings.languages)
    if not problems:
        summary = f"No problems: {notices} notice{'s' if notices != 1 else ''} checked; the {langs} texts match."
    else:
        summary = (f"{len(problems)} problem{'s' if len(problems) != 1 else ''} "
                   f"({errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}) "
                   f"in {notices} notice{'s' if notices != 1 else ''}.")
    if fmt == "github":
        lines = [f"::{p.severity} file={_prop(p.path)},line={p.line or 1}::{_data(p.message)}" for p in problems]
    else:
        lines = [f"{p.path}:{p.line or 1}: {p.severity} [{p.code}] {p.message}" for p in problems]
    return "\n".join(lines + [summary])


def _data(text: str) -> str:
    """GitHub workflow-command escaping of a message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")

