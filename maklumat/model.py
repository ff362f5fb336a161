"""The engine's data model: notices, their files per language, and versions.

Plain dataclasses, no MkDocs and no git: everything downstream (pages, parity,
redlines, feeds, manifest) reads these and nothing else.
"""
from __future__ import annotations

import bisect
import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

# MkDocs always loads these before the site's own `markdown_extensions` (its builtins).
MKDOCS_BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")


@dataclass(frozen=True)
class MarkdownConfig:
    """The Markdown the site renders with: Python-Markdown's extension names in order and
    their options, as MkDocs hands them over (`markdown_extensions`, `mdx_configs`).
    Compared and hashed by `digest`, so options holding functions stay usable."""

    extensions: tuple[str, ...] = MKDOCS_BUILTIN_EXTENSIONS
    options: tuple[tuple[str, Any], ...] = field(default=(), compare=False, hash=False)
    digest: str = ""

    @classmethod
    def of(cls, extensions, options: dict | None = None) -> "MarkdownConfig":
        # Names, or Extension objects a plugin may have added (they count by their class).
        names = tuple(dict.fromkeys(e if isinstance(e, str) else e for e in extensions))   # no repeats
        opts = tuple(sorted((str(k), v) for k, v in (options or {}).items() if str(k) in names))
        canon = json.dumps([names, [list(o) for o in opts]], sort_keys=True, default=_name_of)
        return cls(names, opts, canon)

    def option_dict(self) -> dict[str, Any]:
        return dict(self.options)


def _name_of(value: Any) -> str:
    """Options may hold functions (`!!python/name:`), the list Extension objects: they count
    by their dotted name (an object by its class and its settings)."""
    if hasattr(value, "getConfigs") and not isinstance(value, type):
        kind = type(value)
        return f"{kind.__module__}.{kind.__qualname__}{sorted(map(str, value.getConfigs().items()))}"
    return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', repr(value))}"


# What notices are read with when no site configuration is given (tests, a bare `maklumat
# redline`): MkDocs' builtins plus what Maklumat's notices use. tests/test_rendering.py
# checks that the sample site's mkdocs.yml reads the same.
DEFAULT_MARKDOWN = MarkdownConfig.of(
    MKDOCS_BUILTIN_EXTENSIONS + ("attr_list", "def_list", "admonition", "pymdownx.superfences"),
    {"toc": {"permalink": True}})


@dataclass(frozen=True)
class Settings:
    """Site-wide settings the engine needs: built once per build by `settings.make_settings`
    (from the plugin's options in mkdocs.yml, see maklumat/mkdocs/config.py)."""

    languages: tuple[str, ...] = ("id", "en")
    prevailing: str = "id"
    root_lang: str = "id"           # the language built at the site root (i18n's default)
    timezone: str = "Asia/Jakarta"
    docs_dir: str = "docs"          # relative to the repository root
    site_url: str = ""              # absolute, ends with "/"; required for feeds
    build_date: dt.date | None = None  # decides upcoming vs in force; see buildinfo.py
    markdown: MarkdownConfig = DEFAULT_MARKDOWN   # the site's Markdown (rendering.py)
    strings: dict = field(default_factory=dict, compare=False, hash=False)   # {key: {lang: text}}
    messages_lang: str = "id"       # the language of check, build and CLI messages (editors')
    notice_days: int = 0            # minimum days between publishing a material change and its effect
    commit_lang: str = "en"         # the language of commit subjects and plain `Notice-Summary:`

    def url_prefix(self, lang: str) -> str:
        """The default language lives at the site root, the others under /<lang>/."""
        return "" if lang == self.root_lang else f"{lang}/"


@dataclass(frozen=True)
class Version:
    """One published version of one notice in one language (a first-parent commit
    that changed what a reader sees)."""

    id: str                 # permanent: the first 12 hex digits of the commit id
    commit: str             # full commit id
    seq: int                # position of the commit on the first-parent line (0 = root)
    lang: str
    path: str               # repository path of the file at this version
    key: str                # notice key at this version: path under docs/<lang>/ without ".md"
    blob: str               # git blob id of the file's text
    published: dt.datetime  # committer date, aware, in the site's time zone
    effective: dt.date      # front matter `effective:`, else the published date
    summary: str            # trailer Notice-Summary-<lang>, else Notice-Summary, else the subject
    editorial: bool         # trailer Notice-Change: editorial
    translation_not_needed: bool  # trailer Notice-Translation: not-needed
    sha256: str             # of the file's bytes at this version
    title: str              # first heading (or front matter title) at this version
    notice_waived: bool = False   # trailer Notice-Period: not-needed (a change that only benefits readers)
    summary_lang: str = ""  # the language `summary` is written in ("" = this version's own)

    @property
    def summary_fallback(self) -> bool:
        """The summary is not in this version's language (no `Notice-Summary-<lang>:`)."""
        return bool(self.summary_lang) and self.summary_lang != self.lang

    @property
    def url(self) -> str:
        """Site URL (without language prefix) of this version's archived page."""
        return f"{key_url(self.key)}versions/{self.id}/"

    @property
    def changes_url(self) -> str:
        return f"{self.url}changes/"


@dataclass
class NoticeFile:
    """A notice in one language: its whole life, following renames."""

    lang: str
    key: str                    # current key (or the last one, if deleted)
    path: str                   # current repository path (or the last one)
    versions: list[Version] = field(default_factory=list)   # oldest first, editorial included
    withdrawn_at: dt.datetime | None = None
    draft_text: str | None = None      # working-tree text that differs visibly (serve only)
    former_keys: tuple[str, ...] = ()  # keys before renames, oldest first

    @property
    def url(self) -> str:
        return key_url(self.key)

    def in_force(self, on: dt.date) -> Version | None:
        """The latest published version whose effective date has arrived."""
        for v in reversed(self.versions):
            if v.effective <= on:
                return v
        return None

    def upcoming(self, on: dt.date) -> list[Version]:
        """Published versions, later than the one in force, not yet effective."""
        current = self.in_force(on)
        after = current.seq if current else -1
        return [v for v in self.versions if v.seq > after and v.effective > on]

    def last_material(self, on: dt.date) -> Version | None:
        """The newest non-editorial version in force: it sets "last updated"."""
        current = self.in_force(on)
        if current is None:
            return None
        for v in reversed(self.versions):
            if v.seq <= current.seq and not v.editorial:
                return v
        return self.versions[0]

    def previous(self, version: Version) -> Version | None:
        i = self.index(version)
        return self.versions[i - 1] if i > 0 else None

    def index(self, version: Version) -> int:
        """Where `version` is in `versions` (ValueError if not there). Every page of a notice
        asks, so a bisection on `seq` (commit order, one version per commit), not a scan
        comparing every field (V x V over a notice's pages)."""
        i = bisect.bisect_left(self.versions, version.seq, key=_seq)
        if i < len(self.versions) and self.versions[i] == version:
            return i
        return self.versions.index(version)   # not in commit order (built by hand), or absent

    def has(self, version: Version) -> bool:
        try:
            return self.index(version) >= 0
        except ValueError:
            return False

    def at_commit(self, version: Version) -> Version | None:
        """This file's version published by the commit that published `version` (the same
        commit's version in another language), or None."""
        i = bisect.bisect_left(self.versions, version.seq, key=_seq)
        if i < len(self.versions) and self.versions[i].commit == version.commit:
            return self.versions[i]
        return next((w for w in self.versions if w.commit == version.commit), None)


def _seq(v: Version) -> int:
    return v.seq


@dataclass
class Notice:
    """A notice across languages, paired by key (its path under docs/<lang>/)."""

    key: str
    files: dict[str, NoticeFile] = field(default_factory=dict)
    # Files withdrawn at this key before another file took it over (a notice renamed onto
    # a deleted one's path): no longer the notice, but their versions keep their URLs.
    earlier: list[NoticeFile] = field(default_factory=list)


@dataclass
class SiteHistory:
    """Everything the engine knows after one pass over history."""

    settings: Settings
    head: str | None
    notices: dict[str, Notice]
    texts: "TextStore"
    # Problems in already published history that cannot be fixed without rewriting it
    # (clock.py): reported on every build, never blocking it.
    notes: list[str] = field(default_factory=list)

    def text(self, version: Version) -> str:
        return self.texts.text(version.blob)


class TextStore:
    """Reads blob texts by id; the history module supplies the git-backed one."""

    def text(self, blob: str) -> str:  # pragma: no cover - interface
        raise NotImplementedError

    def prefetch(self, blobs: list[str]) -> None:
        """A hint: these texts are about to be read (a store may fetch them at once)."""


def key_url(key: str) -> str:
    """`privacy` -> `privacy/`; `legal/index` -> `legal/` (directory URLs)."""
    if key == "index":
        return ""
    if key.endswith("/index"):
        return key[: -len("index")]
    return key + "/"
