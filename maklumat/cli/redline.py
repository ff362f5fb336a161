"""`python -m maklumat redline --base REF --head REF`: redlines of every notice changed
between two git refs, as GitHub-flavoured Markdown (a pull-request comment or job
summary) or as one HTML page. Added notices are shown wholly inserted, deleted ones
wholly deleted (withdrawn), renamed ones compared with their former text.
"""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
from dataclasses import dataclass
from html import escape
from pathlib import Path

from maklumat import catalog
from maklumat.buildinfo import build_date
from maklumat.errors import MaklumatError
from maklumat.history.gitlog import _trailers
from maklumat.markdown import frontmatter, rendering
from maklumat.model import DEFAULT_MARKDOWN, Settings
from maklumat.publish.strings import language_name
from maklumat.redline.compare import Redline, redline
from maklumat.redline.gfm import render_markdown
from maklumat.redline.words import strings

STATUS = {"A": "added", "M": "modified", "D": "deleted", "R": "renamed", "C": "copied", "T": "modified"}


@dataclass
class NoticeDiff:
    status: str          # added | modified | deleted | renamed | copied
    path: str            # path at head (at base when deleted)
    old_path: str | None
    lang: str
    key: str
    result: Redline
    effective: dt.date | None = None   # front matter `effective:` at head
    summary: str = ""                  # what the history and feed will say (trailers, else subject)


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("redline", help="redline every notice changed between two git refs",
                              description=__doc__.splitlines()[0])
    p.add_argument("--base", required=True, help="the earlier ref (commit, branch, tag)")
    p.add_argument("--head", default="HEAD", help="the later ref (default: HEAD)")
    p.add_argument("--format", choices=["gfm", "html"], default="gfm")
    p.add_argument("--out", help="write to this file instead of standard output")
    p.add_argument("--repo", default=".", help="the git repository (default: the current directory)")
    p.add_argument("--docs-dir", default=Settings().docs_dir, help="notices folder in the repository")
    p.add_argument("-f", "--config-file", type=Path, default=None,
                   help="the MkDocs configuration (default: mkdocs.yml in the repository)")
    p.add_argument("--full", action="store_true", help="gfm: show unchanged sections too")
    p.add_argument("--body", type=Path, default=None,
                   help="the pull request's description: its declaration gives the summary (see 'declaration')")


def run(args) -> int:
    """The redline; its words and errors in the site's messages language (English where
    there is no site)."""
    lang = catalog.CLI_LANG
    try:
        # The site's Markdown, when there is a site: redlines read what it renders.
        yml = args.config_file or Path(args.repo) / "mkdocs.yml"
        site = None
        if yml.is_file():
            from maklumat.mkdocs.config import load_settings
            site = load_settings(yml)
            lang = site.messages_lang
        return _run(args, site, lang)
    except MaklumatError as exc:
        raise exc.worded(lang) from None


def _run(args, site: Settings | None, lang: str) -> int:
    repo = Path(args.repo)
    markdown = site.markdown if site else DEFAULT_MARKDOWN
    tz = site.timezone if site else Settings().timezone
    settings = Settings(docs_dir=args.docs_dir, markdown=markdown, build_date=build_date(tz))
    rendering.use(markdown)
    base, head = _resolve(repo, args.base), _resolve(repo, args.head)
    diffs = changed_notices(repo, base, head, settings)
    _describe(repo, head, diffs, args.body)
    if args.format == "html":
        text = render_html_page(diffs, args.base, args.head, settings.build_date, lang)
    else:
        text = render_gfm(diffs, args.base, args.head, full=args.full, today=settings.build_date, lang=lang)
    if args.out:
        try:
            Path(args.out).write_text(text, encoding="utf-8")
        except OSError as exc:   # a missing folder, a directory, no permission
            raise MaklumatError.say("redline_cannot_write", args.out, problem=exc.strerror) from None
    else:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
    return 0


def _git(repo: Path, *argv: str) -> bytes:
    try:
        proc = subprocess.run(["git", "-C", str(repo), *argv], capture_output=True, check=False)
    except FileNotFoundError:
        raise MaklumatError.say("git_not_installed") from None
    if proc.returncode:
        msg = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise MaklumatError.say("redline_git_failed", str(repo), command=" ".join(argv),
                                problem=msg[-1] if msg else proc.returncode)
    return proc.stdout


def _resolve(repo: Path, ref: str) -> str:
    proc = subprocess.run(["git", "-C", str(repo), "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"],
                          capture_output=True, check=False)
    if proc.returncode:
        raise MaklumatError.say("redline_not_a_commit", str(repo), ref=repr(ref))
    return proc.stdout.decode().strip()


def _blob(repo: Path, commit: str, path: str) -> str:
    data = _git(repo, "cat-file", "blob", f"{commit}:{path}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise MaklumatError.say("redline_not_utf8", path, line, commit=commit[:12]) from None


def _notice(path: str, settings: Settings) -> tuple[str, str]:
    """docs/<lang>/<key>.md -> (lang, key); a file outside the language folders reads
    as the prevailing language."""
    rel = Path(path).relative_to(settings.docs_dir).with_suffix("")
    parts = rel.parts
    if len(parts) > 1 and parts[0] in settings.languages:
        return parts[0], "/".join(parts[1:])
    return settings.prevailing, "/".join(parts)


def changed_notices(repo: Path, base: str, head: str, settings: Settings) -> list[NoticeDiff]:
    raw = _git(repo, "diff", "--name-status", "-z", "-M", base, head, "--", settings.docs_dir + "/")
    fields = raw.decode("utf-8", "surrogateescape").split("\0")
    out: list[NoticeDiff] = []
    i = 0
    while i < len(fields) and fields[i]:
        code = fields[i][0]
        if code in "RC":
            old_path, path = fields[i + 1], fields[i + 2]
            i += 3
        else:
            old_path = path = fields[i + 1]
            i += 2
        if not path.endswith(".md"):
            continue
        status = STATUS.get(code, "modified")
        old = "" if status == "added" else _blob(repo, base, old_path)
        new = "" if status == "deleted" else _blob(repo, head, path)
        lang, key = _notice(path, settings)
        out.append(NoticeDiff(status, path, old_path if code in "RC" else None, lang, key, redline(old, new)))
    order = {lang: n for n, lang in enumerate((settings.prevailing,) + settings.languages)}
    out.sort(key=lambda d: (d.key, order.get(d.lang, 99), d.path))
    return out


def _note(d: NoticeDiff) -> str:
    t = strings(d.lang)
    if d.status == "added":
        return t["new_notice"]
    if d.status == "deleted":
        return t["withdrawn"]
    if d.old_path:
        return t["renamed"].format(path=d.old_path)
    return ""


def _describe(repo: Path, head: str, diffs: list[NoticeDiff], body: Path | None) -> None:
    """Each diff's effective date (its text at head) and summary: the pull request's
    declaration when given, else the head commit's trailers, else its subject."""
    if body is not None:
        from maklumat.cli.declaration import trailers_of
        trailers, subject = trailers_of("", body.read_text(encoding="utf-8")), ""
    else:
        subject, _, block = _git(repo, "log", "-1", "--format=%s%x00%(trailers:only,unfold)", head) \
            .decode("utf-8", "replace").partition("\0")
        trailers = _trailers(block)
    for d in diffs:
        if d.status != "deleted":
            d.effective = frontmatter.parse(_blob(repo, head, d.path), d.path).effective
        d.summary = trailers.get(f"notice-summary-{d.lang}") or trailers.get("notice-summary") or subject


def _facts(d: NoticeDiff, today: dt.date | None, lang: str) -> str:
    """"Takes effect: 2027-01-15 (scheduled) · Summary: …" in the messages language."""
    if d.status == "deleted":
        return ""
    if d.effective is None or (today is not None and d.effective <= today):
        when = catalog.say(lang, "cli_redline_on_merge")
    else:
        when = catalog.say(lang, "cli_redline_scheduled", date=d.effective.isoformat())
    return catalog.say(lang, "cli_redline_facts", when=when, summary=d.summary or "—")


def render_gfm(diffs: list[NoticeDiff], base: str, head: str, full: bool = False,
               today: dt.date | None = None, lang: str = catalog.CLI_LANG) -> str:
    out = [f"# {catalog.say(lang, 'cli_redline_title', base=f'`{base}`', head=f'`{head}`')}", ""]
    if not diffs:
        out.append(catalog.say(lang, "cli_no_notice_changed"))
    for d in diffs:
        out += [f"## {d.key} — {_language(d.lang)}", "", f"`{d.path}` ({d.status})", ""]
        if facts := _facts(d, today, lang):
            out += [f"**{facts.replace('*', '')}**", ""]
        if _note(d):
            out += [f"*{_note(d)}*", ""]
        out += [render_markdown(d.result, d.lang, only_changed=not full, heading_offset=2), ""]
    return "\n".join(out).rstrip() + "\n"


def render_html_page(diffs: list[NoticeDiff], base: str, head: str, today: dt.date | None = None,
                     lang: str = catalog.CLI_LANG) -> str:
    css = (Path(__file__).parent.parent / "assets" / "redline.css").read_text(encoding="utf-8")
    title = catalog.say(lang, "cli_redline_title", base=base, head=head)
    out = ["<!DOCTYPE html>", f'<html lang="{lang}">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{escape(title)}</title>", f"<style>\n{css}\n</style>", "</head>", "<body>", "<main>",
           f"<h1>{escape(title)}</h1>"]
    if not diffs:
        out.append(f"<p>{escape(catalog.say(lang, 'cli_no_notice_changed'))}</p>")
    for n, d in enumerate(diffs, 1):
        prefix = f"n{n}-"
        out.append(f'<section class="mk-notice-redline" lang="{escape(d.lang)}" aria-labelledby="{prefix}title">')
        out.append(f'<h2 id="{prefix}title">{escape(d.key)} — {escape(_language(d.lang))}</h2>')
        out.append(f"<p><code>{escape(d.path)}</code> ({escape(d.status)})</p>")
        if facts := _facts(d, today, lang):
            out.append(f'<p class="mk-facts"><strong>{escape(facts)}</strong></p>')
        if _note(d):
            out.append(f'<p class="mk-note">{escape(_note(d))}</p>')
        out.append(d.result.summary_html(d.lang, prefix))
        out.append(d.result.html(d.lang, prefix))
        out.append("</section>")
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def _language(lang: str) -> str:
    """"Bahasa Indonesia", "English": the language's own name, from Babel."""
    name = language_name(lang, lang)
    return name[:1].upper() + name[1:]
