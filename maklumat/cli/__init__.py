"""`python -m maklumat <command>`: the engine's commands for editors and CI.

Each command lives in its own module `maklumat/cli/<name>.py` exposing
`add_parser(subparsers)` and `run(args) -> int` (the exit status).
"""
from __future__ import annotations

import argparse
import importlib
import sys

from maklumat.errors import MaklumatError

COMMANDS = ["check", "redline", "declaration", "new", "verify", "init"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="maklumat", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    modules = {}
    for name in COMMANDS:
        module = importlib.import_module(f"maklumat.cli.{name}")
        module.add_parser(sub)
        modules[name] = module
    args = parser.parse_args(argv)
    try:
        return modules[args.command].run(args)
    except MaklumatError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
