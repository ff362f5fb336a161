"""The hand-written twin: the pages Maklumat builds, written as ordinary Markdown pages.

For every page the engine plans (publish/plan.py: the current notice pages, each
archived version, each "what changed" page, each notice's history page, ...) the twin
has an ordinary page at the same path: the version's text; the redline's HTML pasted
in as raw HTML; the version list as a Markdown table. Generated pages are out of the
nav (the twin's `not_in_nav: versions/`) and out of search, like Maklumat's. Built
with MkDocs, Material and static-i18n without the plugin, it is the floor for
producing the same pages through MkDocs by hand.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

HEAD = "---\nsearch:\n  exclude: true\n---\n\n"   # what Maklumat puts on generated pages


def write(history, redlines: dict, home: dict[str, str], docs: Path) -> int:
    """Write the twin's docs/ for `history` (load_history's SiteHistory); `redlines`:
    {(old blob, new blob, lang): (summary html, html)}. Returns the pages written."""
    from maklumat.markdown import frontmatter
    from maklumat.publish import plan
    shutil.rmtree(docs, ignore_errors=True)
    count = 0
    for lang in history.settings.languages:
        out = docs / lang
        out.mkdir(parents=True, exist_ok=True)
        (out / "index.md").write_text(home[lang], encoding="utf-8")
        count += 1
        for p in plan.plan_language(history, lang):
            f = p.file or p.other
            if p.kind == "current":
                text = history.text(f.versions[-1])
            elif p.kind == "version":
                text = HEAD + frontmatter.body(history.text(p.version))
            elif p.kind == "changes":
                prev = f.previous(p.version)
                summary, html = redlines[(prev.blob, p.version.blob, lang)]
                text = (HEAD + f"# {_title(f)}: what changed on {p.version.published.date()}\n\n"
                        f"{summary}\n\n{_demote(html)}\n")
            elif p.kind == "history":
                text = HEAD + f"# Versions of {_title(f)}\n\n" + _table(f)
            else:   # withdrawn, moved, missing: a title and a line
                text = HEAD + f"# {_title(f)}\n\nSee the notice's history.\n"
            target = out / p.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            count += 1
    return count


def _title(f) -> str:
    return f.versions[-1].title if f.versions else f.key


def _table(f) -> str:
    rows = ["| Version | Summary | Kind |", "|---|---|---|"]
    for v in reversed(f.versions):
        changes = f" · [what changed]({v.id}/changes.md)" if f.previous(v) is not None else ""
        summary = v.summary.replace("|", "\\|")
        rows.append(f"| [{v.effective}]({v.id}.md) {v.id}{changes} | {summary} | "
                    f"{'editorial' if v.editorial else 'material'} |")
    return "\n".join(rows) + "\n"


def _demote(html: str) -> str:
    """As the "what changed" page shows it: the notice's headings one level down."""
    return re.sub(r"<(/?)h([1-5])\b", lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", html)
