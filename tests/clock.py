"""Explicit clock control for builds run in a subprocess: `shifted_env` makes every clock
Python offers read ten years ahead (tests/shifted_clock/sitecustomize.py), and checks that
it really does, so a test comparing two builds never depends on sleeping between them."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

SHIFTED_CLOCK = Path(__file__).resolve().parent / "shifted_clock"


def shifted_env(env: dict[str, str]) -> dict[str, str]:
    """`env` with the shifted clock first on PYTHONPATH; fails if a Python started with it
    does not see the future (another sitecustomize first on the path, -S, ...)."""
    path = os.pathsep.join(filter(None, [str(SHIFTED_CLOCK), env.get("PYTHONPATH")]))
    shifted = {**env, "PYTHONPATH": path}
    year = subprocess.run([sys.executable, "-c", "import datetime; print(datetime.date.today().year)"],
                          env=shifted, capture_output=True, text=True, check=True).stdout.strip()
    assert int(year) >= dt.date.today().year + 9, f"the shifted clock is not in effect (year {year})"
    return shifted
