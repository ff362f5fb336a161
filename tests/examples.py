"""How many examples the property tests and the history fuzzer try: a fixed quick count in
`make test`, the full count with MAKLUMAT_FULL_EXAMPLES=1 (CONTRIBUTING.md: run it when you
change the redline, Markdown or history code)."""
from __future__ import annotations

import os

FULL = os.environ.get("MAKLUMAT_FULL_EXAMPLES", "").lower() not in ("", "0", "false", "no")


def examples(quick: int, full: int) -> int:
    """`quick` examples in the everyday suite, `full` when MAKLUMAT_FULL_EXAMPLES is set."""
    return full if FULL else quick
