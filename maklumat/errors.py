"""Errors an editor can act on: each names the file (and line, where there is one)."""
from __future__ import annotations

from typing import NamedTuple


class Phrase(NamedTuple):
    """A field of an error that is itself words of the catalog (worded in the same language)."""
    key: str
    fields: dict


def _words(lang: str, key: str, fields: dict) -> str:
    from maklumat import catalog   # catalog raises MaklumatError itself
    return catalog.say(lang, key, **{k: _words(lang, v.key, v.fields) if isinstance(v, Phrase) else v
                                     for k, v in fields.items()})


class MaklumatError(Exception):
    """A problem in the input, reported to a person without a traceback.

    An error raised where the messages language is not known (reading a file, a setting)
    is made with `say` from a catalog key: worded in English, it keeps its key and facts,
    and `worded(lang)` tells it again in the editor's language where the settings are known."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None, *,
                 key: str | None = None, fields: dict | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.key = key
        self.fields = fields or {}

    @classmethod
    def say(cls, key: str, path: str | None = None, line: int | None = None, *, lang: str | None = None,
            **fields) -> "MaklumatError":
        """The error whose words are the catalog's `key` (English unless `lang`), `fields` filled."""
        return cls(_words(lang or "en", key, fields), path, line, key=key, fields=fields)

    def worded(self, lang: str) -> "MaklumatError":
        """This error in `lang` (itself, reworded in place, when it came from the catalog)."""
        if self.key is not None:
            self.message = _words(lang, self.key, self.fields)
            self.args = (self.message,)
        return self

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return where + self.message
