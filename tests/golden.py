"""Golden files in the style of markdown-it-py's fixtures: input and expected output side by side.

A fixture file holds cases. Each case is a title line followed by sections, each ended by a
line holding a single ".":

    retention period changed
    .
    <old markdown>
    .
    <new markdown>
    .
    <expected output>
    .

The last section of a case is the expected output; the others are its inputs. A test reads
the cases, computes the output from the inputs and calls `Golden.check`. A mismatch fails
with a diff. `make goldens` (pytest --update-goldens) rewrites the expected sections from what
the code produces now, so a behaviour change shows as a diff of the golden file in review.
Whole-file goldens (feed bytes, a version list) use `Golden.check_file`.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
_END = "."


@dataclass
class Case:
    title: str
    line: int                 # 1-based line of the title in the file
    inputs: list[str]
    expected: str


def read_cases(path: Path, sections: int = 2) -> list[Case]:
    """Cases of a fixture file whose cases have `sections` sections each (inputs, then the
    expected output); every section's text keeps its lines, each ending with a newline."""
    lines = Path(path).read_text(encoding="utf-8").splitlines(keepends=True)
    cases, i = [], 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        title, start = lines[i].rstrip("\n"), i + 1
        if i + 1 >= len(lines) or lines[i + 1].rstrip("\n") != _END:
            raise ValueError(f"{path}:{i + 1}: a case title must be followed by a line '.'")
        i += 2
        found, current = [], []
        while len(found) < sections:
            if i >= len(lines):
                raise ValueError(f"{path}:{start}: case {title!r} needs {sections} sections ended by '.'")
            if lines[i].rstrip("\n") == _END:
                found.append("".join(current))
                current = []
            else:
                current.append(lines[i])
            i += 1
        cases.append(Case(title, start, found[:-1], found[-1]))
    return cases


def write_cases(path: Path, cases: list[Case]) -> None:
    out = []
    for case in cases:
        out.append(case.title + "\n" + _END + "\n")
        for section in [*case.inputs, case.expected]:
            text = section if section.endswith("\n") or not section else section + "\n"
            out.append(text + _END + "\n")
        out.append("\n")
    Path(path).write_text("".join(out).rstrip("\n") + "\n", encoding="utf-8")


def _diff(expected: str, actual: str, name: str) -> str:
    return "".join(difflib.unified_diff(expected.splitlines(keepends=True), actual.splitlines(keepends=True),
                                        f"{name} (golden)", f"{name} (now)"))


class Golden:
    """Compares outputs with golden files; rewrites them when pytest runs with --update-goldens."""

    def __init__(self, update: bool):
        self.update = update
        self._pending: dict[Path, list[Case]] = {}

    def check(self, path: Path, case: Case, actual: str) -> None:
        if not actual.endswith("\n"):
            actual += "\n"
        if self.update:
            cases = self._pending.setdefault(Path(path), read_cases(path, len(case.inputs) + 1))
            # By title when titles are unique: lines move as earlier cases are rewritten.
            same = [c for c in cases if c.title == case.title]
            for c in same if len(same) == 1 else [c for c in same if c.line == case.line]:
                c.expected = actual
            write_cases(path, cases)
            return
        if actual != case.expected:
            pytest.fail(f"{path}:{case.line}: {case.title!r} differs from its golden output "
                        f"(run `make goldens` if the change is intended):\n"
                        + _diff(case.expected, actual, case.title), pytrace=False)

    def check_file(self, path: Path, actual: str | bytes) -> None:
        data = actual.encode("utf-8") if isinstance(actual, str) else actual
        path = Path(path)
        if self.update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            return
        if not path.exists():
            pytest.fail(f"{path}: golden file missing (run `make goldens` to create it)", pytrace=False)
        expected = path.read_bytes()
        if expected != data:
            pytest.fail(f"{path}: differs from its golden output (run `make goldens` if intended):\n"
                        + _diff(expected.decode("utf-8", "replace"), data.decode("utf-8", "replace"), path.name),
                        pytrace=False)
