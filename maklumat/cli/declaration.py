"""`python -m maklumat declaration`: the pull request's declaration, checked, and what it will publish.

Editors declare a change where they work, at the end of the pull request's description:
`Notice-Change: material|editorial`, `Notice-Summary: …` (or `Notice-Summary-id:` /
`Notice-Summary-en:` per language), `Notice-Translation: not-needed`, `Notice-Period:
not-needed`. GitHub's squash merge writes the pull request's title and description as the
commit message, so those lines become the merged commit's trailers, read by the history
exactly as for a direct commit. This command reads them the way git will (`git
interpret-trailers --parse` on title + description), fails when a material change has no
summary or a value is unknown, and prints (Markdown, for the job summary) the history row
and feed entry each changed notice will get.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from maklumat import catalog
from maklumat.cli import redline as rl
from maklumat.errors import MaklumatError
from maklumat.history.gitlog import _trailers
from maklumat.markdown import frontmatter

KNOWN = {"notice-change": ("material", "editorial"), "notice-translation": ("not-needed",),
         "notice-period": ("not-needed",)}


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("declaration", help="check a pull request's declaration and show what it publishes",
                              description=__doc__.splitlines()[0])
    p.add_argument("--body", type=Path, required=True, help="a file holding the pull request's description")
    p.add_argument("--title", default="", help="the pull request's title (the squash commit's subject)")
    p.add_argument("--base", required=True, help="the pull request's base (merge base) commit")
    p.add_argument("--head", default="HEAD", help="the pull request's head commit")
    p.add_argument("--repo", type=Path, default=Path("."), help="repository root (default: .)")
    p.add_argument("-f", "--config-file", type=Path, default=None, help="the MkDocs configuration")


def trailers_of(title: str, body: str) -> dict[str, str]:
    """The trailers git will read from the squash commit's message (title, blank line, description)."""
    message = f"{title.strip() or 'x'}\n\n{body.replace(chr(13), '')}"
    try:
        done = subprocess.run(["git", "interpret-trailers", "--parse", "--no-divider"], input=message,
                              capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        raise MaklumatError.say("decl_git_trailers", problem=str(exc)) from None
    return _trailers(done.stdout)


def problems(trailers: dict[str, str], languages: tuple[str, ...], lang: str, changed: bool) -> list[str]:
    out = []
    for key, allowed in KNOWN.items():
        if key in trailers and trailers[key].lower() not in allowed:
            out.append(_say(lang, "decl_bad_value", key=_title(key), value=trailers[key],
                            allowed=" / ".join(allowed)))
    material = trailers.get("notice-change", "material").lower() != "editorial"
    missing = [x for x in languages if not (trailers.get(f"notice-summary-{x}") or trailers.get("notice-summary"))]
    if changed and material and missing:
        out.append(_say(lang, "decl_no_summary", languages=", ".join(missing)))
    return out


def run(args) -> int:
    from maklumat.mkdocs.config import load_settings

    settings = load_settings(args.config_file or args.repo / "mkdocs.yml")
    lang = settings.messages_lang
    try:
        body = args.body.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise MaklumatError(_say(lang, "decl_unreadable", problem=exc), str(args.body)) from None
    try:
        trailers = trailers_of(args.title, body)
        base, head = rl._resolve(args.repo, args.base), rl._resolve(args.repo, args.head)
    except MaklumatError as exc:
        raise exc.worded(lang) from None
    diffs = rl.changed_notices(args.repo, base, head, settings)
    found = problems(trailers, settings.languages, lang, bool(diffs))
    editorial = trailers.get("notice-change", "").lower() == "editorial"
    out = [f"## {_say(lang, 'decl_title')}", ""]
    out += [f"- `{_title(k)}: {v}`" for k, v in sorted(trailers.items()) if k.startswith("notice-")] or \
        [f"- {_say(lang, 'decl_none')}"]
    out += ["", f"| {_say(lang, 'decl_columns')} |", "| --- | --- | --- | --- | --- |"]
    for d in diffs:
        text = rl._blob(args.repo, head, d.path) if d.status != "deleted" else ""
        effective = frontmatter.parse(text, d.path).effective if text else None
        summary = trailers.get(f"notice-summary-{d.lang}") or trailers.get("notice-summary") or args.title
        kind = _say(lang, "decl_editorial" if editorial else "decl_material")
        when = effective.isoformat() if effective else _say(lang, "decl_on_merge")
        feed = _say(lang, "decl_no_feed") if editorial else f"**{_cell(d.key)}** — {_cell(summary)}"
        out.append(f"| `{_cell(d.path)}` | {kind} | {when} | {_cell(summary)} | {feed} |")
    out.append("")
    for problem in found:
        out.append(f"> **{_say(lang, 'severity_error')}:** {problem}")
    print("\n".join(out))
    for problem in found:
        print(f"{args.body}: {problem}", file=sys.stderr)
    return 1 if found else 0


def _title(key: str) -> str:
    """notice-summary-id -> Notice-Summary-id (as the template writes it)."""
    parts = key.split("-")
    return "-".join([p.capitalize() for p in parts[:2]] + parts[2:])


def _cell(text: str) -> str:
    """A table cell: pipes and line breaks from the description cannot break the table."""
    return text.replace("|", "\\|").replace("\n", " ").replace("<", "&lt;")


def _say(lang: str, msgid: str, **fields) -> str:
    return catalog.message(lang, msgid).format(**fields)
