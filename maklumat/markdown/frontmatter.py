"""Front matter of a notice: split it off, read `effective:` and the title, with lines.

Errors name the file and the line, because the people who read them edit Markdown,
not Python.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import yaml

from maklumat.errors import MaklumatError

_FENCE = re.compile(r"^---[ \t]*$")
_ISO_DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_H1 = re.compile(r"^#[ \t]+(.+?)[ \t]*(?:\{[^}]*\})?[ \t]*#*[ \t]*$")


class _BadDate(yaml.constructor.ConstructorError):
    pass


class _Loader(yaml.SafeLoader):
    """SafeLoader whose impossible dates (2025-02-30) are YAML errors with a line, not a
    bare ValueError: PyYAML builds the date while loading, before we can look at it."""


def _timestamp(loader: yaml.SafeLoader, node: yaml.Node):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        raise _BadDate(None, None, "not a valid date", node.start_mark) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


@dataclass(frozen=True)
class FrontMatter:
    meta: dict
    body: str
    body_line: int              # 1-based file line where the body starts
    effective: dt.date | None
    title: str


def clean_text(raw: bytes | str, path: str) -> str:
    """Decode a notice and drop what a reader never sees: a BOM and CR line endings."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise MaklumatError.say("fm_not_utf8", path, byte=exc.start) from None
    return raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def parse(text: str, path: str) -> FrontMatter:
    """Split front matter from `text` (already cleaned) and validate what we read from it."""
    lines = text.split("\n")
    meta: dict = {}
    body_start = 0
    if lines and _FENCE.match(lines[0]):
        end = _fence_end(lines)
        if end is None:
            raise MaklumatError.say("fm_no_close", path, 1)
        try:
            loaded = yaml.load("\n".join(lines[1:end]), Loader=_Loader) if end > 1 else None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 2 if mark is not None else 1
            if isinstance(exc, _BadDate):   # quote the line as written, like _effective does
                raise MaklumatError.say("fm_bad_date", path, line, value=lines[line - 1].strip()) from None
            raise MaklumatError.say("fm_bad_yaml", path, line,
                                    problem=getattr(exc, "problem", None) or "invalid YAML") from None
        if loaded is None:
            loaded = {}
        if not isinstance(loaded, dict):
            raise MaklumatError.say("fm_not_mapping", path, 2)
        meta = loaded
        body_start = end + 1
    effective = _effective(meta, lines, path)
    body = "\n".join(lines[body_start:])
    title = str(meta.get("title") or "").strip() or _first_h1(lines[body_start:])
    return FrontMatter(meta, body, body_start + 1, effective, title)


def body(text: str) -> str:
    """The Markdown after the front matter, without validating it: archived versions were
    published as they are, mistakes included, and must still render."""
    lines = text.split("\n")
    end = _fence_end(lines) if lines and _FENCE.match(lines[0]) else None
    return "\n".join(lines[end + 1:]) if end is not None else text


def _fence_end(lines: list[str]) -> int | None:
    return next((i for i in range(1, len(lines)) if _FENCE.match(lines[i]) or lines[i] == "..."), None)


def key_line(text: str, key: str) -> int | None:
    """1-based line of `key:` inside the front matter, for error messages."""
    for i, line in enumerate(text.split("\n")[1:], start=2):
        if _FENCE.match(line):
            return None
        if re.match(rf"^{re.escape(key)}[ \t]*:", line):
            return i
    return None


def _effective(meta: dict, lines: list[str], path: str) -> dt.date | None:
    """`effective:` as YYYY-MM-DD only: 20260203, 2026-W05-2 or a time of day are
    valid ISO 8601 for Python, but a legal reviewer must read the date as written."""
    if "effective" not in meta or meta["effective"] is None:
        return None
    value = meta["effective"]
    line = key_line("\n".join(lines), "effective")
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value   # YAML reads only YYYY-MM-DD as a bare date
    if isinstance(value, str) and _ISO_DAY.match(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise MaklumatError.say("fm_bad_date", path, line, value=f"effective: {value}")


def _first_h1(lines: list[str]) -> str:
    for line in lines:
        m = _H1.match(line)
        if m:
            return m.group(1).strip()
    return ""
