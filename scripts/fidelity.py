"""Measure the one reading over a repository's own history (a script, not a test).

For every notice file: each version's redline must show at least one mark, and each
first-parent commit that changed the file without making a version must leave the
rendered page unchanged. Also counts where the old reading (markdown-it-py CommonMark
fingerprint) would have decided otherwise.

    .venv/bin/python scripts/fidelity.py [--repo .]
"""
from __future__ import annotations

import argparse
import hashlib
import re
import subprocess
import sys
from pathlib import Path

from markdown_it import MarkdownIt

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
  # noqa: E402
from maklumat.markdown import frontmatter

from maklumat.markdown import rendering

from maklumat.markdown import visible
from maklumat.history.notices import load_history  # noqa: E402
from maklumat.redline.compare import redline  # noqa: E402
from maklumat.mkdocs.config import load_settings  # noqa: E402

_OLD = MarkdownIt("commonmark").enable("table").enable("strikethrough")
_OLD_GAP = re.compile(r" ?(</?(?:blockquote|br|dd|div|dl|dt|h[1-6]|hr|li|ol|p|pre|table|tbody|td|th|thead|tr|ul)\b[^>]*>) ?")


def old_fingerprint(fm) -> str:
    html = _OLD_GAP.sub(r"\1", re.sub(r"[\s\u00a0\u202f\u2007]+", " ", _OLD.render(fm.body))).strip()
    return hashlib.sha256(html.encode()).hexdigest()


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repo", type=Path, default=Path("."))
    args = ap.parse_args()
    settings = load_settings(args.repo / "mkdocs.yml")
    history = load_history(args.repo, settings)
    versions = no_mark = same_page_commits = changed_page_not_version = old_disagrees = 0
    for notice in history.notices.values():
        for f in [*notice.files.values(), *notice.earlier]:
            published = {v.commit for v in f.versions}
            for old, new in zip(f.versions, f.versions[1:]):
                versions += 1
                r = redline(history.text(old), history.text(new))
                html = r.html(f.lang)
                if not (r.changed and ("<ins" in html or "<del" in html)):
                    no_mark += 1
                    print(f"  no mark: {new.path} {new.id} {new.summary}")
            # every first-parent commit that touched the file (by its path at each version)
            paths = sorted({v.path for v in f.versions})
            log = git(args.repo, "log", "--first-parent", "--format=%H", "--reverse", "--", *paths).split()
            prev = None
            for sha in log:
                texts = [t for t in (_show(args.repo, sha, p) for p in paths) if t is not None]
                if not texts:
                    continue
                fm = frontmatter.parse(frontmatter.clean_text(texts[0], "x"), "x")
                if prev is not None:
                    visible_change = visible.fingerprint(fm) != visible.fingerprint(prev)
                    if (sha in published) != visible_change:
                        changed_page_not_version += 1
                        print(f"  disagrees: {paths[0]} {sha[:12]}")
                    elif not visible_change:
                        same_page_commits += 1
                    if (old_fingerprint(fm) != old_fingerprint(prev)) != visible_change:
                        old_disagrees += 1
                        print(f"  old reading decided otherwise: {paths[0]} {sha[:12]}")
                prev = fm
    print(f"reading: {', '.join(settings.markdown.extensions)}; libraries "
          f"{', '.join(f'{k} {v}' for k, v in rendering.library_versions().items())}")
    print(f"later versions: {versions}; without a mark: {no_mark}")
    print(f"commits leaving the page unchanged (no version): {same_page_commits}; "
          f"version/page-change mismatches: {changed_page_not_version}")
    print(f"commits the old markdown-it reading would have judged otherwise: {old_disagrees}")
    return 1 if no_mark or changed_page_not_version else 0


def _show(repo: Path, sha: str, path: str) -> bytes | None:
    proc = subprocess.run(["git", "-C", str(repo), "show", f"{sha}:{path}"], capture_output=True, check=False)
    return proc.stdout if proc.returncode == 0 else None


if __name__ == "__main__":
    sys.exit(main())
