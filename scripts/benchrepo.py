"""The benchmark's git repository: synthetic notices committed with git fast-import, and one more commit.

One commit adds every notice in both languages; then each notice is edited in turn
(both languages in one commit), a day apart, every 10th edit editorial. The texts
come from benchnotices.py (seeded: a given size always makes the same repository).
"""
from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from benchnotices import LANGS, Generator, NoticeText

IDENTITY = {"GIT_AUTHOR_NAME": "Seruni Editor", "GIT_AUTHOR_EMAIL": "editor@seruni.example",
            "GIT_COMMITTER_NAME": "Seruni Editor", "GIT_COMMITTER_EMAIL": "editor@seruni.example",
            "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1", "LC_ALL": "C"}
START = 1546833600          # 2019-01-07 11:00 +0700: the first commit
STEP = 86400                # one commit a day keeps every date distinct
TZ = "+0700"


@dataclass
class Repo:
    root: Path
    gen: Generator
    notices: list[NoticeText]
    home: dict[str, str]                         # lang -> home page text
    history: dict[tuple[str, str], list[tuple[str, str]]] = field(default_factory=dict)
    # (key, lang) -> [(commit id, text)], oldest first
    last_time: int = START
    commits: int = 0

    def env(self, when: int | None = None) -> dict[str, str]:
        env = {**os.environ, **IDENTITY}
        if when is not None:
            env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"@{when} {TZ}"
        return env

    def git(self, *args: str, when: int | None = None, stdin: bytes | None = None) -> str:
        return subprocess.run(["git", *args], cwd=self.root, env=self.env(when), input=stdin,
                              check=True, capture_output=True).stdout.decode()


def day(when: int) -> dt.date:
    return dt.datetime.fromtimestamp(when, dt.timezone(dt.timedelta(hours=7))).date()


def _data(payload: bytes) -> bytes:
    return b"data %d\n" % len(payload) + payload + b"\n"


def generate(root: Path, notices: int, versions: int, home: dict[str, str], seed: int = 2027) -> Repo:
    """A repository with `notices` notices of `versions` versions each, in both languages:
    one commit adding them all, then one commit per notice edit (both languages at once),
    round-robin, a day apart. Every 10th edit is editorial. One `git fast-import`."""
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True, env={**os.environ, **IDENTITY})
    gen = Generator(seed)
    repo = Repo(root, gen, [gen.notice(i, day(START)) for i in range(notices)], home)
    person = f"{IDENTITY['GIT_AUTHOR_NAME']} <{IDENTITY['GIT_AUTHOR_EMAIL']}>".encode()
    marks: list[tuple[int, list[tuple[str, str, str]]]] = []   # mark -> [(key, lang, text)]
    proc = subprocess.Popen(["git", "fast-import", "--quiet", f"--export-marks={root / '.git' / 'bench-marks'}"],
                            cwd=root, stdin=subprocess.PIPE, env=repo.env())

    def commit(when: int, message: str, files: list[tuple[str, str, str]], extra: dict[str, str]) -> None:
        mark = len(marks) + 1
        out = [b"commit refs/heads/main\n", b"mark :%d\n" % mark,
               b"author %s %d %s\n" % (person, when, TZ.encode()),
               b"committer %s %d %s\n" % (person, when, TZ.encode()), _data(message.encode())]
        for path, text in [*((f"docs/{lang}/{key}.md", text) for key, lang, text in files), *extra.items()]:
            out += [f"M 100644 inline {path}\n".encode(), _data(text.encode())]
        proc.stdin.write(b"".join(out) + b"\n")
        marks.append((mark, files))

    when = START
    first = [(n.key, lang, n.render(lang)) for n in repo.notices for lang in LANGS]
    commit(when, "Publish the notices", first, {f"docs/{lang}/index.md": text for lang, text in home.items()})
    for v in range(1, versions):
        for i, notice in enumerate(repo.notices):
            when += STEP
            editorial = (v * len(repo.notices) + i) % 10 == 9
            what = gen.edit(notice, day(when), editorial)
            msg = f"{notice.name[1]} notice: {what}\n" + _trailers(notice, when, editorial)
            commit(when, msg, [(notice.key, lang, notice.render(lang)) for lang in LANGS], {})
    proc.stdin.close()
    if proc.wait() != 0:
        raise RuntimeError("git fast-import failed")
    shas = dict(line.split() for line in (root / ".git" / "bench-marks").read_text().splitlines())
    for mark, files in marks:
        for key, lang, text in files:
            repo.history.setdefault((key, lang), []).append((shas[f":{mark}"], text))
    repo.last_time, repo.commits = when, len(marks)
    repo.git("reset", "-q", "--hard")
    return repo


def _trailers(notice: NoticeText, when: int, editorial: bool) -> str:
    """An editorial fix says so; a material change in force at once (no notice period:
    the site promises 30 days) declares that it only benefits readers, as editors must."""
    if editorial:
        return "\nNotice-Change: editorial\n"
    return "\nNotice-Period: not-needed\n" if notice.effective <= day(when) else ""


def add_commit(repo: Repo) -> str:
    """One more ordinary commit (git commit, dates from the environment): the first
    notice edited in both languages. Returns the new commit id."""
    notice = repo.notices[0]
    when = repo.last_time + STEP
    what = repo.gen.edit(notice, day(when))
    for lang in LANGS:
        text = notice.render(lang)
        (repo.root / "docs" / lang / f"{notice.key}.md").write_text(text, encoding="utf-8")
    repo.git("add", "docs")
    repo.git("commit", "-q", "-m", f"{notice.name[1]} notice: {what}\n" + _trailers(notice, when, False), when=when)
    sha = repo.git("rev-parse", "HEAD").strip()
    for lang in LANGS:
        repo.history[(notice.key, lang)].append((sha, notice.render(lang)))
    repo.last_time, repo.commits = when, repo.commits + 1
    return sha

