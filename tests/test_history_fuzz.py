"""History fuzzer: random histories (edits, renames, deletions and re-additions, restructures,
merges of every shape, force-pushes, trailers, odd bytes in subjects and file names, symlinks,
clock skew). For each commit on main it asserts: the build either works or stops with a
MaklumatError (never a traceback); every manifest sha256 equals `git cat-file blob <commit>:<path>`;
and every version published at the previous build keeps its URL, text and sha256, unless the
published-record guard reports it, which it may only do after a history rewrite.
MAKLUMAT_FUZZ_EXAMPLES=400 searches 400 fresh random histories; by default the same ones run every
time: 20 in `make test`, 60 with MAKLUMAT_FULL_EXAMPLES=1 (tests/examples.py).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from examples import examples
from gitrepo import BASE_ENV, GitRepo
from maklumat.history import guard
from maklumat.errors import MaklumatError
from maklumat.history.notices import load_history
from maklumat.publish.manifest import build_manifest
from maklumat.model import Settings

SETTINGS = Settings(site_url="https://privasi.seruni.example/", build_date=dt.date(2026, 1, 1))
NAMES = ["privacy", "cookies", "a\x1eb", "new\nline", 'q"x', "sp ace", "ünï"]
PLACES = ["docs/id/{}.md", "docs/en/{}.md", "docs/{}/id.md", "notes/{}.md"]
WORDS = ["data", "nama", "surel", "30 hari", "**penting**", "[tautan](https://x.example)"]
SUBJECTS = ["Ubah", "Big material change\x1fNotice-Change: editorial", "rec\x1esep", "tab\there",
            "<script>alert(1)</script>", "kutip \"dua\" & 'satu'", "ünï"]
TRAILERS = ["Notice-Change: editorial", "Notice-Summary: ring\x1ekasan", "Notice-Translation: not-needed"]
STATS = {"histories": 0, "builds": 0, "errors": 0, "commits": 0, "seconds": 0.0}

path_st = st.builds(lambda n, p: p.format(n), st.sampled_from(NAMES), st.sampled_from(PLACES))
text_st = st.one_of(*[st.builds(lambda t, ws, eff: (f"---\neffective: {eff}\n---\n" if eff else "") + f"# {t}\n\n## Bagian\n\n"
              + " ".join(ws) + "\n", st.sampled_from(["Privasi", "Kuki"]), st.lists(st.sampled_from(WORDS), min_size=1,
                                                                                     max_size=3),
              st.sampled_from([None, None, "2025-03-01", "2025-09-01", "2024-12-01"]))] * 8,
    st.sampled_from(["# Privasi\n\n## Bagian\n\ndata  nama\n"] * 10 + ["", "---\ntitle: x\n---\n"]))
op_st = st.one_of(
    *[st.tuples(st.just("write"), path_st, text_st)] * 6,
    *[st.tuples(st.just("rename"), path_st, path_st)] * 3,
    st.tuples(st.just("delete"), path_st),
    st.tuples(st.just("restructure")),
    st.tuples(st.just("symlink"), path_st),
    *[st.tuples(st.just("merge"), st.sampled_from(["no-ff", "ff", "foxtrot"]),
              st.lists(st.tuples(path_st, text_st), min_size=1, max_size=3), st.booleans())] * 2,
    st.tuples(st.just("force-push"), path_st, text_st),
)
commit_st = st.tuples(st.lists(op_st, min_size=1, max_size=3), st.sampled_from(SUBJECTS),
                      st.lists(st.sampled_from(TRAILERS), max_size=2),
                      st.sampled_from([0] * 8 + [-3, 2000]))   # clock skew of this commit, in days


class Fuzz:
    def __init__(self, root: Path):
        self.repo = GitRepo.init(root)
        self.day = dt.datetime(2025, 1, 1, 10, tzinfo=dt.timezone(dt.timedelta(hours=7)))
        self.rewrote = False
        self.to_fix: str | None = None
        self.write("README.md", "# Repositori\n")
        self.commit("Mulai", [], 0)

    def git(self, *args: str, check: bool = True, date: dt.datetime | None = None, message: bytes | None = None):
        env = {**os.environ, **BASE_ENV}
        if date is not None:
            env["GIT_COMMITTER_DATE"] = env["GIT_AUTHOR_DATE"] = date.isoformat()
        done = subprocess.run(["git", *args], cwd=self.repo.path, env=env, capture_output=True, input=message)
        assert done.returncode == 0 or not check, done.stderr
        return done

    def commit(self, subject: str, trailers: list[str], skew: int) -> None:
        """Commits a day apart; `skew` days off for this one commit (a machine with a wrong clock)."""
        if self.to_fix:   # the file a refused build named gets text: an editor fixing the refusal
            self.write(self.to_fix, "# Diperbaiki\n\n## Bagian\n\nteks\n")
            self.to_fix = None
        self.day += dt.timedelta(days=1)
        when = self.day + dt.timedelta(days=skew)
        message = subject + ("\n\n" + "\n".join(trailers) if trailers else "") + "\n"
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "--cleanup=verbatim", "-F", "-", date=when,
                 message=message.encode())
        STATS["commits"] += 1

    def write(self, rel: str, text: str) -> None:
        target = self.repo.path / rel
        if target.is_symlink():
            os.unlink(target)
        elif target.is_dir():
            return   # docs/x.md cannot be a file while docs/x.md/ is a folder
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def apply(self, op: tuple) -> None:
        kind, *args = op
        root = self.repo.path
        if kind == "write":
            self.write(*args)
        elif kind == "rename" and (root / args[0]).is_file() and not (root / args[1]).exists():
            (root / args[1]).parent.mkdir(parents=True, exist_ok=True)
            os.rename(root / args[0], root / args[1])
        elif kind == "delete" and ((root / args[0]).is_file() or (root / args[0]).is_symlink()):
            os.unlink(root / args[0])
        elif kind == "restructure":
            for name in NAMES:
                for lang in ("id", "en"):
                    old, new = f"docs/{name}/{lang}.md", f"docs/{lang}/{name}.md"
                    if (root / old).is_file() and not (root / new).exists():
                        (root / new).parent.mkdir(parents=True, exist_ok=True)
                        os.rename(root / old, root / new)
        elif kind == "symlink" and not (root / args[0]).exists() and not (root / args[0]).is_symlink():
            (root / args[0]).parent.mkdir(parents=True, exist_ok=True)
            os.symlink("../../README.md", root / args[0])

    def merge(self, shape: str, edits: list, main_moves: bool) -> None:
        self.git("switch", "-q", "-c", "side")
        for rel, text in edits:
            self.write(rel, text)
            self.commit("Side", [], 0)
        self.git("switch", "-q", "main")
        if main_moves and shape != "ff":
            self.write("docs/id/privacy.md", "# Privasi\n\n## Bagian\n\nmain bergerak\n")
            self.commit("Main", [], 0)
        self.day += dt.timedelta(days=1)
        if shape == "ff":
            self.git("merge", "-q", "--ff-only", "side")
        elif shape == "no-ff":
            self._merge_into("main", "side")
        else:   # foxtrot: the side branch merges main, then main fast-forwards to it
            self.git("switch", "-q", "side")
            self._merge_into("side", "main")
            self.git("switch", "-q", "main")
            self.git("merge", "-q", "--ff-only", "side")
            self.rewrote = self.rewrote or main_moves
        self.git("branch", "-q", "-D", "side")

    def _merge_into(self, into: str, other: str) -> None:
        done = self.git("merge", "-q", "--no-ff", "-m", f"Merge {other}", other, check=False, date=self.day)
        if done.returncode:   # a conflict: commit the tree as it is (markers are just text)
            self.git("add", "-A")
            self.git("commit", "-q", "--no-edit", date=self.day)
        STATS["commits"] += 1

    def force_push(self, rel: str, text: str) -> None:
        if self.git("rev-parse", "-q", "--verify", "HEAD~1", check=False).returncode == 0:
            self.git("reset", "-q", "--hard", "HEAD~1")
            self.rewrote = True
        self.write(rel, text)
        self.commit("Force-pushed", [], 0)


def all_versions(doc: dict) -> dict[str, dict]:
    out = {}
    for notice in doc["notices"].values():
        for entry in notice["languages"].values():
            for group in [entry["versions"], *[e["versions"] for e in entry.get("earlier", [])]]:
                for v in group:
                    out[v["url"]] = v
    return out


def _kind(message: str) -> str:
    for needle, kind in (("after the build date", "future commit"), ("earlier than the version before", "out of order"),
                         ("symbolic link", "symlink"), ("has no text", "empty"), ("only front matter", "empty"),
                         ("replaced before it took effect", "backdated effective")):
        if needle in message:
            return kind
    return message[:60]


def check_build(fz: Fuzz, published: dict | None) -> dict | None:
    """One build of HEAD; returns its manifest, or the previous one if the build was refused."""
    STATS["builds"] += 1
    try:
        doc = json.loads(build_manifest(load_history(fz.repo.path, SETTINGS)))
    except MaklumatError as exc:
        STATS["errors"] += 1
        STATS.setdefault("kinds", {}).setdefault(_kind(exc.message), 0)
        STATS["kinds"][_kind(exc.message)] += 1
        if _kind(exc.message) in ("symlink", "empty"):
            fz.to_fix = exc.path
        return published
    now = all_versions(doc)
    for v in now.values():
        blob = fz.git("cat-file", "blob", f"{v['commit']}:{v['path']}").stdout
        assert hashlib.sha256(blob).hexdigest() == v["sha256"], v
    if published is not None:
        reported = {(x.kind, x.version) for x in guard.compare(published, doc)}
        assert not reported or fz.rewrote, f"lost without a history rewrite: {reported}"
        STATS["guard"] = STATS.get("guard", 0) + bool(reported)
        for url, old in all_versions(published).items():
            new = now.get(url)
            if new is None or (new["sha256"], new["published"]) != (old["sha256"], old["published"]):
                assert any(vid == old["id"] for _, vid in reported), (url, old, new)
    fz.rewrote = False
    return doc


@pytest.mark.slow
# The suite runs the same histories every time (derandomized: no flaky failures); setting
# MAKLUMAT_FUZZ_EXAMPLES searches that many fresh random ones.
@settings(max_examples=int(os.environ.get("MAKLUMAT_FUZZ_EXAMPLES", examples(20, 60))), deadline=None, database=None,
          derandomize="MAKLUMAT_FUZZ_EXAMPLES" not in os.environ, suppress_health_check=list(HealthCheck),
          phases=[Phase.explicit, Phase.generate])
@given(st.lists(commit_st, min_size=2, max_size=8))
def test_random_histories_keep_the_published_record(history):
    start = time.perf_counter()
    STATS["histories"] += 1
    with tempfile.TemporaryDirectory() as tmp:
        fz = Fuzz(Path(tmp) / "r")
        published = None
        for ops, subject, trailers, step in history:
            for op in ops:
                if op[0] == "merge":
                    fz.merge(*op[1:])
                elif op[0] == "force-push":
                    fz.force_push(*op[1:])
                else:
                    fz.apply(op)
            fz.commit(subject, trailers, step)
            published = check_build(fz, published)
    STATS["seconds"] += time.perf_counter() - start


def teardown_module(module):
    print(f"\nfuzzer: {STATS['histories']} histories, {STATS['commits']} commits, {STATS['builds']} builds "
          f"({STATS['errors']} refused with a MaklumatError: {STATS.get('kinds', {})}; "
          f"{STATS.get('guard', 0)} after a rewrite the guard reported) in {STATS['seconds']:.1f} s")
