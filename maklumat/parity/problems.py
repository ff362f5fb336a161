"""Every parity and translation-lag problem of the texts being published (the build's and `check`'s)."""
from __future__ import annotations

import functools
import re
from pathlib import Path

from maklumat.history import worktree
from maklumat.markdown import frontmatter, rendering
from maklumat.model import Settings, SiteHistory
from maklumat.parity.checks import Problem, compare, lang_name
from maklumat.parity.lag import IN_SYNC, lag_message, lag_state
from maklumat.parity.sections import parse_document


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
    if history is not None and not drafts:
        from maklumat.history import notice_period   # late: history imports this package's checks
        problems.extend(notice_period.problems(history))
    for key, by_lang_text in texts.items():
        found, compared = _text_problems(key, tuple(by_lang_text.items()), tuple(settings.languages), prevailing,
                                         settings.docs_dir, rendering.active())
        problems.extend(found)
        by_lang = {lang: p for lang, (p, _) in by_lang_text.items()}
        for lang, pair in compared:
            problems.extend(pair)
            if lag and history is not None and key in history.notices:
                problems.extend(_lag_problems(history, key, prevailing, lang, by_lang))
    return problems, len(texts)


@functools.lru_cache(maxsize=1024)   # the same texts every build (`mkdocs serve`: every save)
def _text_problems(key: str, texts: tuple, languages: tuple, prevailing: str, docs_dir: str,
                   reading) -> tuple[tuple[Problem, ...], tuple]:
    """One notice's problems that only its texts decide: placeholders and missing languages,
    and (per other language, in order) how it differs from the prevailing text. `reading`
    (the site's Markdown, parity/shapes.py) is part of what decides them."""
    found: list[Problem] = []
    for lang, (p, text) in texts:
        found.extend(placeholders(p, text, lang))
    by_lang = {lang: p for lang, (p, _) in texts}
    docs = {lang: parse_document(text, p) for lang, (p, text) in texts}
    have = prevailing if prevailing in docs else next(iter(docs))
    for missing in (lang for lang in languages if lang not in docs):
        want = f"{docs_dir}/{missing}/{key}.md"
        found.append(missing_translation(by_lang[have], have, missing, want, prevailing))
    if prevailing not in docs:
        return tuple(found), ()
    return tuple(found), tuple((lang, tuple(compare(docs[prevailing], prevailing, doc, lang)))
                               for lang, doc in docs.items() if lang != prevailing)


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
    v = state.since_version
    fields = (("ahead_lang", state.ahead_lang), ("since", f"{state.since:%Y-%m-%d}" if state.since else "?"),
              ("commit", v.id if v else "?"), ("summary", v.summary if v else ""))
    return [Problem(code, state.severity, message, by_lang[behind], 1, behind, fields=fields)]


# What `maklumat new` writes for the editor to replace (cli/new.py): never published.
PLACEHOLDER = re.compile(r"\bTODO\b")


def placeholders(path: str, text: str, lang: str) -> list[Problem]:
    """A scaffold's placeholder left in a text, one problem per line."""
    return [Problem("placeholder", "error", f"a placeholder from the skeleton is still here: {line.strip()!r}",
                    path, n, lang, fields=(("text", line.strip()[:80]),))
            for n, line in enumerate(text.splitlines(), start=1) if PLACEHOLDER.search(line)]


def missing_translation(path: str, lang: str, missing_lang: str, missing_path: str,
                        prevailing: str) -> Problem:
    """A notice that exists in one language only."""
    if missing_lang == prevailing:
        msg = (f"This notice exists only in {lang_name(lang)}: the {lang_name(missing_lang)} text, "
               f"which prevails, is missing ({missing_path}).")
    else:
        msg = (f"This notice has no {lang_name(missing_lang)} translation ({missing_path} is missing); "
               f"{lang_name(missing_lang)} readers are shown the {lang_name(lang)} text instead.")
    fields = (("missing_lang", missing_lang), ("have_lang", lang), ("missing_path", missing_path))
    return Problem("missing-translation", "error", msg, path, 1, missing_lang, fields=fields)
