"""`python -m maklumat check`: do the translations match the prevailing texts?

Reads the texts being published, the committed docs/<lang>/**/*.md at HEAD (the working
tree only when there is no git), checks each notice's pair (parity.py) and, from git
history, whether one language moved without the other (lag.py). Uncommitted edits are
not checked (they are not published); a note names them. Exit status: 0 = no problem, 1 = problems, 2 = usage/input error.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import frontmatter, rendering, reserved, worktree
from .lag import IN_SYNC, PREVAILING_BEHIND, lag_message, lag_state
from .model import Settings, SiteHistory
from .parity import Problem, compare, lang_name, missing_translation
from .sections import parse_document
from maklumat.mkdocs.config import load_settings


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
        _note_uncommitted(repo, settings, history)
    print(render(problems, notices, args.format, settings))
    return 1 if problems else 0


def notice_paths(repo_root: Path, settings: Settings) -> dict[str, dict[str, str]]:
    """key -> lang -> repository path, for every notice in the working tree (symlinks refused)."""
    return worktree.notice_paths(repo_root, settings)


def notice_texts(repo_root: Path, settings: Settings, history: SiteHistory | None,
                 drafts: bool = False) -> dict[str, dict[str, tuple[str, str]]]:
    """key -> lang -> (repository path, text) of the texts being published: each live
    notice's last committed version (HEAD), the same text the build publishes. `drafts`
    (the editors' preview) takes uncommitted edits instead; without git (history None)
    the working tree is all there is."""
    found: dict[str, dict[str, tuple[str, str]]] = {}
    if history is None:
        for key, by_lang in notice_paths(repo_root, settings).items():
            found[key] = {lang: (p, frontmatter.clean_text(worktree.read_bytes(repo_root, p, settings), p))
                          for lang, p in by_lang.items()}
        return found
    for key, notice in history.notices.items():
        for lang, f in notice.files.items():
            if f.withdrawn_at is not None:
                continue
            if drafts and f.draft_text is not None:
                text = f.draft_text
            elif f.versions:
                text = history.text(f.versions[-1])
            else:
                continue
            found.setdefault(key, {})[lang] = (f.path, text)
    return dict(sorted(found.items()))


def collect_problems(repo_root: Path, settings: Settings, *, history: SiteHistory | None = None,
                     lag: bool = True, drafts: bool = False) -> tuple[list[Problem], int]:
    """All parity (and, given history, lag) problems, and the number of notices.
    Raises MaklumatError (file and line) for a text that cannot be read."""
    prevailing = settings.prevailing
    problems: list[Problem] = []
    texts = notice_texts(repo_root, settings, history, drafts)
    for key, by_lang_text in texts.items():
        by_lang = {lang: p for lang, (p, _) in by_lang_text.items()}
        docs = {lang: parse_document(text, p) for lang, (p, text) in by_lang_text.items()}
        have = prevailing if prevailing in docs else next(iter(docs))
        for missing in (lang for lang in settings.languages if lang not in docs):
            want = f"{settings.docs_dir}/{missing}/{key}.md"
            problems.append(missing_translation(by_lang[have], have, missing, want, prevailing))
        if prevailing not in docs:
            continue
        for lang, doc in docs.items():
            if lang != prevailing:
                problems.extend(compare(docs[prevailing], prevailing, doc, lang))
                if lag and history is not None and key in history.notices:
                    problems.extend(_lag_problems(history, key, prevailing, lang, by_lang))
    return problems, len(texts)


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


def _note_uncommitted(repo: Path, settings: Settings, history: SiteHistory) -> None:
    """Name working-tree notices that differ from HEAD: check reads what gets published."""
    committed = {f.path: history.text(f.versions[-1]) for n in history.notices.values()
                 for f in n.files.values() if f.withdrawn_at is None and f.versions}
    on_disk = [p for by_lang in notice_paths(repo, settings).values() for p in by_lang.values()]
    changed = sorted(set(committed) - set(on_disk))   # deleted, not committed
    for path in on_disk:
        raw = worktree.read_bytes(repo, path, settings).decode("utf-8", "replace")
        if committed.get(path) != frontmatter.clean_text(raw, path):
            changed.append(path)
    if changed:
        print(f"note: not checked, because not committed: {', '.join(changed)}. The check reads the "
              "committed texts (what the site publishes); commit your edits and run it again.",
              file=sys.stderr)


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

