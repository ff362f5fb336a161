"""The plugin's options (a typed MkDocs schema) and the engine's Settings read from a MkDocs config.

`load_settings` is what the command line uses: MkDocs' own `load_config` reads mkdocs.yml
(`!ENV`, `INHERIT` and all), so the CLI and the build see the same settings.
"""
from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mkdocs.config import base, load_config
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError

from maklumat import catalog
from maklumat.errors import MaklumatError
from maklumat.model import MarkdownConfig, Settings
from maklumat.settings import make_settings, words_language


class _TimeZone(c.Type):
    def __init__(self, default: str):
        super().__init__(str, default=default)

    def run_validation(self, value):
        value = super().run_validation(value)
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise base.ValidationError(f"'{value}' is not a known time zone (write a name like Asia/Jakarta)")
        return value


class _Strings(c.Type):
    """{key: {lang: text}}: the site's own words in place of Maklumat's."""

    def __init__(self):
        super().__init__(dict, default={})

    def run_validation(self, value):
        value = super().run_validation(value)
        for key, by_lang in value.items():
            if not isinstance(by_lang, dict) or not all(isinstance(v, str) for v in by_lang.values()):
                raise base.ValidationError(f"'{key}' must map each language to a text, "
                                           f"e.g. {key}: {{id: ..., en: ...}}")
        return value


class MaklumatConfig(base.Config):
    prevailing = c.Optional(c.Type(str))        # the binding language; default: i18n's default language
    timezone = _TimeZone(default="Asia/Jakarta")   # dates on pages, in feeds and in the manifest
    strings = _Strings()
    messages_language = c.Optional(c.Type(str))   # editors' messages; default: the prevailing language
    notice_days = c.Type(int, default=0)   # minimum notice before a material change takes effect
    commit_language = c.Type(str, default="en")   # the language of commit subjects and plain Notice-Summary


def i18n_languages(config: MkDocsConfig) -> tuple[list[str], str | None]:
    """The locales static-i18n builds, and its default language (built at the site root)."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return [], None
    langs = [lang for lang in i18n.config.languages if lang.build and lang.locale != "null"]
    default = next((lang.locale for lang in i18n.config.languages if lang.default), None)
    return [lang.locale for lang in langs], default


def settings_of(config: MkDocsConfig, options: MaklumatConfig | None) -> Settings:
    """The engine's Settings of a loaded MkDocs config and the plugin's options (None: defaults)."""
    where = config.config_file_path
    languages, root = i18n_languages(config)
    config_dir = Path(os.path.abspath(where)).parent if where else Path.cwd()
    try:   # as written, not through symbolic links: the engine refuses those itself (worktree.py)
        docs_dir = Path(os.path.abspath(config.docs_dir)).relative_to(config_dir).as_posix()
    except ValueError:
        docs_dir = None
    opts = options if options is not None else MaklumatConfig()
    words = words_language(opts.get("messages_language"), opts.get("prevailing") or root)
    if docs_dir is None:
        raise MaklumatError(catalog.message(words, "config_docs_dir"), where)
    return make_settings(languages=languages, root_lang=root, prevailing=opts.get("prevailing"),
                         timezone=opts.get("timezone") or "Asia/Jakarta", docs_dir=docs_dir,
                         site_url=config.site_url or "", strings=opts.get("strings") or {},
                         messages_language=opts.get("messages_language"),
                         notice_days=opts.get("notice_days") or 0,
                         commit_language=opts.get("commit_language") or "en",
                         markdown=MarkdownConfig.of(config.markdown_extensions, config.mdx_configs),
                         where=where)


def load_settings(config_file: Path | str = "mkdocs.yml") -> Settings:
    """Settings for the command line, from the same mkdocs.yml the build reads. Errors name
    the file and, where the setting is written in it, the line."""
    path = str(config_file)
    if not Path(config_file).is_file():
        raise MaklumatError.say("config_missing", path)   # no settings yet: English
    config, errors = _load_config(path)
    if config is None:
        message = "; ".join(errors) or "the MkDocs configuration is not valid"
        raise MaklumatError(message, path, _line_of(path, message))
    ours = next((p for p in config.plugins.values() if isinstance(p, _plugin_class())), None)
    try:
        return settings_of(config, ours.config if ours is not None else None)
    except MaklumatError as exc:
        raise MaklumatError(exc.message, path, _line_of(path, exc.message)) from None


def _plugin_class():
    from maklumat.mkdocs.plugin import MaklumatPlugin
    return MaklumatPlugin


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        if record.levelno >= logging.ERROR:
            self.messages.append(record.getMessage())


def _load_config(path: str) -> tuple[MkDocsConfig | None, list[str]]:
    """MkDocs' own reading; its error lines collected (not printed) for a plain message."""
    logger, collect = logging.getLogger("mkdocs"), _Collect()
    propagate = logger.propagate
    logger.addHandler(collect)
    logger.propagate = False   # the command line prints its own findings, not MkDocs' notes
    try:
        return load_config(config_file=path), []
    except (ConfigurationError, Abort) as exc:
        return None, collect.messages or [str(exc)]
    finally:
        logger.removeHandler(collect)
        logger.propagate = propagate


def _line_of(path: str, message: str) -> int | None:
    """The line that sets the option a message names (`'timezone: ...'`, `"timezone"`)."""
    keys = re.findall(r"""['"]([A-Za-z_][\w.]*)(?::|['"])""", message)
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    for key in reversed(keys):   # the innermost option is named last
        name = key.rsplit(".", 1)[-1]
        for n, line in enumerate(lines, start=1):
            if line.lstrip(" -").startswith(f"{name}:"):
                return n
    return None
