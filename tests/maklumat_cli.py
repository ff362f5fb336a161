"""`python -m maklumat …` for the tests: by default in this process (maklumat.cli.main, with
the command's working folder and environment and its output captured: no new interpreter
and imports per run), or in a new process, as a shell runs it (`process=True`).

An exception the command does not handle propagates into the test and fails it, as the
traceback a real run would print fails the tests that look for one.
"""
from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(argv: list[str], *, cwd: Path, env: dict[str, str] | None = None, unset: tuple[str, ...] = (),
        process: bool = False) -> subprocess.CompletedProcess:
    if process:
        full = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
        for name in unset:
            full.pop(name, None)
        return subprocess.run([sys.executable, "-m", "maklumat", *argv], cwd=cwd, env=full,
                              capture_output=True, text=True, timeout=120)
    from maklumat.cli import main

    # Text streams over bytes, as a process has: commands may write bytes to sys.stdout.buffer.
    out, err = (io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True) for _ in range(2))
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    os.environ.update(env or {})
    for name in unset:
        os.environ.pop(name, None)
    try:
        os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(argv))
            except SystemExit as exc:   # argparse's usage errors, as `sys.exit` would end the process
                code = 0 if exc.code is None else exc.code if isinstance(exc.code, int) else 1
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
    return subprocess.CompletedProcess(["maklumat", *argv], code, *(stream.buffer.getvalue().decode("utf-8")
                                                                    for stream in (out, err)))
