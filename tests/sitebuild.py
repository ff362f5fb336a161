"""A tiny adopted Maklumat site in a temporary git repository, and `mkdocs build` on it.

Adopted the way the README says: the plugin installed, mkdocs.yml copied beside tiny
notices. Shared by the build-level tests. `build` runs MkDocs in this process (half the CPU
of a subprocess per build); `build_cli` runs the real command, for the few tests about the
command itself; `prepare` runs only the start of a build, where the engine refuses bad input.
"""
from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from gitrepo import GitRepo

PROJECT = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).with_name("mkdocs")
EPOCH = "1767225600"   # 2026-01-01T00:00:00Z: fixes the build date
NOTICE = {"id": ("Kebijakan Privasi", "Kami memproses nama dan nomor telepon Anda."),
          "en": ("Privacy Notice", "We process your name and phone number.")}


@dataclass
class Built:
    code: int
    output: str    # stdout and stderr together: mkdocs logs to stderr


def notice(lang: str, front: str = "effective: 2025-01-10\n") -> str:
    title, para = NOTICE[lang]
    return f"---\n{front}---\n\n# {title}\n\n## Data\n\n{para}\n"


def adopt(root: Path) -> None:
    """What an adopter copies, plus home pages: no notices yet."""
    root.mkdir(parents=True, exist_ok=True)
    # The sample's notice period (30 days) is its own promise; the tests' notices change on
    # any day they need, and test_notice_period.py sets the option it tests.
    text = (PROJECT / "mkdocs.yml").read_text("utf-8").replace("notice_days: 30", "notice_days: 0")
    (root / "mkdocs.yml").write_text(text, "utf-8")
    for lang, title in (("id", "Beranda"), ("en", "Home")):
        (root / "docs" / lang).mkdir(parents=True, exist_ok=True)
        (root / "docs" / lang / "index.md").write_text(f"# {title}\n\nSitus uji Seruni.\n", "utf-8")


def site_repo(tmp_path: Path) -> GitRepo:
    """A valid bilingual site with one notice, committed."""
    repo = GitRepo.init(tmp_path / "site")
    adopt(repo.path)
    for lang in ("id", "en"):
        repo.write(f"docs/{lang}/privacy.md", notice(lang))
    repo.commit("Terbitkan pemberitahuan privasi", "2025-01-03T10:00:00+07:00")
    return repo


def build_cli(root: Path, *, strict: bool = True, env: dict | None = None, out: Path | None = None,
              args: tuple[str, ...] = ()) -> Built:
    """The real `mkdocs build` command in a subprocess: for the tests about what the CLI does."""
    full_env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "SOURCE_DATE_EPOCH")}
    full_env.update({"NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH, **(env or {})})
    args = [str(MKDOCS), "build", *args, "--strict" if strict else "--no-strict", "-d", str(out or root.parent / "out")]
    done = subprocess.run(args, cwd=root, env=full_env, capture_output=True, text=True, timeout=300)
    return Built(done.returncode, done.stdout + done.stderr)


def prepare(root: Path, *, env: dict | None = None) -> Built:
    """What a build does first (the plugin's on_config: `site.prepare`, reading the whole
    history and checking every notice), in-process and without an MkDocs build: the
    refusals are decided here, so checking them needs no full build. An error comes out as
    the plugin shows it (the MaklumatError's text); problems as warning lines."""
    from maklumat.errors import MaklumatError
    from maklumat.mkdocs.config import load_settings
    from maklumat.publish import site

    saved = dict(os.environ)
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    os.environ.update({"SOURCE_DATE_EPOCH": EPOCH, **(env or {})})
    try:
        settings = load_settings(root / "mkdocs.yml")
        prepared = site.prepare(settings, config_dir=root, include_drafts=False)
    except MaklumatError as exc:
        return Built(1, f"Error: {exc}")
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return Built(0, "".join(f"WARNING -  {problem}\n" for problem in prepared.problems))


def build(root: Path, *, strict: bool = True, env: dict | None = None, out: Path | None = None) -> Built:
    """`mkdocs build` of `root` in this process (mkdocs.commands.build, as the CLI calls
    it): the same run without a new interpreter and imports for every build. The
    output holds the log lines as the CLI prints them, and the error it would show."""
    import logging
    import traceback

    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    lines: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record):
            lines.append(f"{record.levelname:<8} -  {record.getMessage()}")

    handler = Collect(logging.INFO)
    logger = logging.getLogger("mkdocs")
    saved_env, saved_level = dict(os.environ), logger.level
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    os.environ.update({"NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH, **(env or {})})
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    code = 0
    try:
        config = load_config(str(root / "mkdocs.yml"), strict=strict, site_dir=str(out or root.parent / "out"))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build.build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as exc:   # what the CLI shows as "Error: ..." / "Aborted ..."
        code = 1
        lines.append(f"Error: {exc.format_message()}")
    except Exception:                # a crash: the CLI would print this traceback
        code = 1
        lines.append(traceback.format_exc())
    finally:
        logger.removeHandler(handler)
        logger.setLevel(saved_level)
        os.environ.clear()
        os.environ.update(saved_env)
    return Built(code, "\n".join(lines) + "\n")

