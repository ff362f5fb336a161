"""The one reading of Markdown: a notice body rendered as the site renders it.

The renderer decides what a reader sees. Pages are rendered by Python-Markdown with the
site's `markdown_extensions` (MkDocs hands them over; the CLI reads them from mkdocs.yml),
so versions (visible.py), redlines (blockparse.py) and parity's structure (sections.py)
are all read from this HTML. The engine never imports MkDocs: the configuration arrives
as plain data (model.MarkdownConfig).
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import markdown

from .errors import MaklumatError
from .model import DEFAULT_MARKDOWN, MarkdownConfig

# The libraries whose output a fingerprint, a redline or a parity check depends on.
LIBRARIES = ("Markdown", "pymdown-extensions", "markdown-it-py", "mdit-py-plugins")
# The engine code that turns rendered HTML into fingerprints and blocks.
_CODE = ("rendering.py", "visible.py", "htmlblocks.py", "blockparse.py", "blocks.py")

_active: MarkdownConfig = DEFAULT_MARKDOWN


def use(config: MarkdownConfig) -> None:
    """Read notices with `config` from now on (called once a build knows its site)."""
    global _active
    _active = config


def active() -> MarkdownConfig:
    return _active


def render(body: str, config: MarkdownConfig | None = None) -> str:
    """The HTML Python-Markdown makes of a notice body (front matter already removed)."""
    return _render(config or _active, body)


@lru_cache(maxsize=8)
def _engine(config: MarkdownConfig) -> markdown.Markdown:
    try:
        return markdown.Markdown(extensions=list(config.extensions),
                                 extension_configs=config.option_dict())
    except Exception as exc:   # an unknown extension or a bad option in mkdocs.yml
        raise MaklumatError(f"the Markdown extensions in mkdocs.yml cannot be loaded: {exc}. "
                            "Check 'markdown_extensions' (names and options).", "mkdocs.yml") from None


@lru_cache(maxsize=2048)
def _render(config: MarkdownConfig, body: str) -> str:
    md = _engine(config)
    try:
        return md.reset().convert(body)
    finally:
        md.reset()


@lru_cache(maxsize=1)
def library_versions() -> dict[str, str]:
    out = {}
    for name in LIBRARIES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "absent"
    return out


def reading_key(config: MarkdownConfig | None = None, versions: dict[str, str] | None = None,
                code: tuple[str, ...] = ()) -> str:
    """What a cached fingerprint or redline depends on: the library versions, the site's
    extension configuration and the engine code that reads the HTML (plus `code`)."""
    h = hashlib.sha256()
    for name, ver in sorted((versions or dict(library_versions())).items()):
        h.update(f"{name}=={ver}\n".encode())
    h.update((config or _active).digest.encode() + b"\n")
    here = Path(__file__).parent
    for name in _CODE + tuple(code):
        h.update((here / name).read_bytes())
    return h.hexdigest()[:16]
