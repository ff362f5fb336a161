"""Settings from mkdocs.yml, read without MkDocs: `extra.maklumat` (prevailing
language, time zone), `docs_dir`, `site_url`, the i18n plugin's languages and the
`markdown_extensions` the site renders with (read as MkDocs reads them).

mkdocs.yml may hold MkDocs-only YAML tags (`!ENV`, `!!python/name:...`); a permissive
loader reads them as plain values instead of failing, because none of them carries
anything the engine needs.
"""
from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from .errors import MaklumatError
from .model import MKDOCS_BUILTIN_EXTENSIONS, MarkdownConfig, Settings


class _PermissiveLoader(yaml.SafeLoader):
    """SafeLoader that accepts any tag: `!ENV` is resolved from the environment,
    everything else (`!!python/name:...`, `!relative`) is read as its plain value."""


def _any_tag(loader: yaml.SafeLoader, tag_suffix: str, node: yaml.Node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_mapping(node, deep=True)


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node):
    # `!ENV NAME` or `!ENV [NAME, OTHER, default]`: the first set variable, else the default.
    names = [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode) \
        else loader.construct_sequence(node, deep=True)
    for name in names[:-1] if len(names) > 1 else names:
        if isinstance(name, str) and name in os.environ:
            return yaml.safe_load(os.environ[name])
    return names[-1] if len(names) > 1 else None


_PermissiveLoader.add_constructor("!ENV", _env_tag)
_PermissiveLoader.add_multi_constructor("!", _any_tag)
_PermissiveLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


def read_mkdocs_yml(mkdocs_yml: Path) -> dict:
    path = str(mkdocs_yml)
    try:
        text = Path(mkdocs_yml).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise MaklumatError("the MkDocs configuration file does not exist", path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise MaklumatError(f"cannot read the MkDocs configuration: {exc}", path) from None
    try:
        data = yaml.load(text, Loader=_PermissiveLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise MaklumatError(f"not valid YAML: {problem}", path, mark.line + 1 if mark else None) from None
    if not isinstance(data, dict):
        raise MaklumatError("expected 'key: value' settings at the top level", path, 1)
    return data


def load_settings(mkdocs_yml: Path) -> Settings:
    """The engine's Settings from mkdocs.yml; errors name the file and the setting."""
    data = read_mkdocs_yml(mkdocs_yml)
    path = str(mkdocs_yml)
    extra = data.get("extra") or {}
    ours = (extra.get("maklumat") if isinstance(extra, dict) else None) or {}
    if not isinstance(ours, dict):
        raise MaklumatError("'extra.maklumat' must be a mapping of settings", path, _line_of(mkdocs_yml, "maklumat"))
    languages = _i18n_languages(data, path, mkdocs_yml)
    default = Settings()
    prevailing = str(ours.get("prevailing", languages[0] if languages else default.prevailing))
    languages = languages or default.languages
    if prevailing not in languages:
        raise MaklumatError(f"'extra.maklumat.prevailing: {prevailing}' is not one of the site's languages "
                            f"({', '.join(languages)})", path, _line_of(mkdocs_yml, "prevailing"))
    timezone = str(ours.get("timezone", default.timezone))
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise MaklumatError(f"'extra.maklumat.timezone: {timezone}' is not a known time zone "
                            f"(write e.g. Asia/Jakarta)", path, _line_of(mkdocs_yml, "timezone")) from None
    site_url = str(data.get("site_url") or "")
    if site_url and not site_url.endswith("/"):
        site_url += "/"
    values = dict(languages=tuple(languages), prevailing=prevailing, root_lang=languages[0],
                  timezone=timezone, docs_dir=str(data.get("docs_dir") or "docs").strip("/"),
                  site_url=site_url, markdown=markdown_config(data, path, mkdocs_yml),
                  commit_lang=str(ours.get("commit_language", default.commit_lang)))
    known = {f.name for f in dataclasses.fields(Settings)}
    return Settings(**{k: v for k, v in values.items() if k in known})


def markdown_config(data: dict, path: str, mkdocs_yml: Path) -> MarkdownConfig:
    """`markdown_extensions` as MkDocs reads it: its builtins first, then each entry, a
    name or `{name: options}`, in a list or a mapping."""
    raw = data.get("markdown_extensions") or []
    entries = list(raw.items()) if isinstance(raw, dict) else \
        [next(iter(e.items())) if isinstance(e, dict) and len(e) == 1 else (e, None) for e in raw] \
        if isinstance(raw, list) else None
    if entries is None or any(not isinstance(name, str) for name, _ in entries):
        raise MaklumatError("'markdown_extensions' must be a list of extension names (each optionally "
                            "with its options)", path, _line_of(mkdocs_yml, "markdown_extensions"))
    options = {}
    for name, conf in entries:
        if conf is not None and not isinstance(conf, dict):
            raise MaklumatError(f"the options of the Markdown extension '{name}' must be 'key: value' "
                                "settings", path, _line_of(mkdocs_yml, name))
        if conf:
            options[name] = conf
    return MarkdownConfig.of(MKDOCS_BUILTIN_EXTENSIONS + tuple(n for n, _ in entries), options)


def _i18n_languages(data: dict, path: str, mkdocs_yml: Path) -> tuple[str, ...]:
    """Locales of the static-i18n plugin, default language (built at the root) first."""
    plugins = data.get("plugins") or []
    entries = plugins.items() if isinstance(plugins, dict) else \
        [next(iter(p.items())) if isinstance(p, dict) else (p, None) for p in plugins]
    for name, conf in entries:
        if name != "i18n" or not isinstance(conf, dict):
            continue
        langs = conf.get("languages") or []
        locales, default = [], None
        for entry in langs:
            if not isinstance(entry, dict) or not entry.get("locale"):
                raise MaklumatError("each i18n language needs a 'locale:'", path, _line_of(mkdocs_yml, "languages"))
            locales.append(str(entry["locale"]))
            if entry.get("default"):
                default = str(entry["locale"])
        if default:
            locales.remove(default)
            locales.insert(0, default)
        return tuple(locales)
    return ()


def _line_of(mkdocs_yml: Path, key: str) -> int | None:
    """First line that sets `key:`, so an editor finds the setting to fix."""
    try:
        for n, line in enumerate(Path(mkdocs_yml).read_text(encoding="utf-8").splitlines(), start=1):
            if line.lstrip().startswith(f"{key}:"):
                return n
    except OSError:
        return None
    return None
