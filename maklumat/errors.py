"""Errors an editor can act on: each names the file (and line, where there is one)."""
from __future__ import annotations


class MaklumatError(Exception):
    """A problem in the input, reported to a person without a traceback."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return where + self.message
