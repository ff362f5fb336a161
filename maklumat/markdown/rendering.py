"""The one reading of Markdown: a notice body rendered as the site renders it.

The renderer decides what a reader sees. Pages are rendered by Python-Markdown with the
site's `markdown_extensions` (MkDocs hands them over; the CLI reads them in mkdocs.yml),
so versions (visible.py), redlines (blockparse.py) and parity's structure (sections.py)
are all read from this HTML. The engine never imports MkDocs: the configuration arrives
as plain data (model.MarkdownConfig).
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import markdown

from maklumat.errors import MaklumatError
from maklumat.model import DEFAULT_MARKDOWN, MarkdownConfig

# The libraries whose output a fingerprint, a redline or a parity check depends on.
LIBRARIES = ("Markdown", "pymdown-extensions", "markdown-it-py", "mdit-py-plugins")
# The engine code that turns rendered HTML into fingerprints and blocks.
_CODE = ("markdown/rendering.py", "markdown/visible.py", "markdown/htmlblocks.py", "markdown/blockparse.py",
         "markdown/blocks.py")   # relative to the package

_active: MarkdownConfig = DEFAULT_MARKDOWN


def use(config: MarkdownConfig) -> None:
    """Read notices with `config` from now on (called once a build knows its site)."""
    global _active
    _active = config


def active() -> MarkdownConfig:
    return _active


def render(body: str, config: MarkdownConfig | None = None) -> str:
    """The HTML Python-Markdown makes of a notice body (front matter already removed)."""
    return "\n".join(render_pieces(body, config))


def render_pieces(body: str, config: MarkdownConfig | None = None) -> list[str]:
    """The HTML of each piece of `body` (see `pieces`), each rendered alone and cached:
    consecutive versions of a notice share most pieces. Joined by newlines they are
    exactly the HTML of the whole (tests/test_chunked_parse.py)."""
    config = config or _active
    return [_render(config, p) for p in pieces(body, config)]


# Extensions whose output for a piece does not depend on the rest of the document (given
# the guards in `pieces`). Any other extension (footnotes, abbr, snippets...) may read the
# whole document: such sites render whole texts.
_LOCAL = {"toc", "tables", "fenced_code", "attr_list", "def_list", "admonition", "pymdownx.superfences",
          "smarty", "sane_lists", "nl2br", "pymdownx.details", "pymdownx.betterem", "pymdownx.tilde",
          "pymdownx.caret", "pymdownx.mark", "pymdownx.inlinehilite", "codehilite", "pymdownx.highlight"}
# A blank line and then an ATX heading at the start of a line: no block continues across it.
_BREAK = re.compile(r"\n\n(?=#{1,6}[ \t])")
# Fences and raw-HTML blocks may hold blank lines and "# " lines; reference links and the
# [TOC] marker are document-wide; CR and NUL are rewritten by Python-Markdown's preprocessing.
_WHOLE = re.compile(r"```|~~~|\]:|\[TOC\]|\r|\x00|\x02|\x03|(?:^|\n)[ \t]*<")
_HEADING = re.compile(r"^#{1,6}[ \t]+(.*?)[ \t#]*$", re.M)
_ATTRS = re.compile(r"\{:?([^}]*)\}[ \t]*$")
# Headings whose id cannot be foreseen from the line: setext, indented or quoted ones, inline markup.
_OTHER_HEADING = re.compile(r"^[ \t>]+#{1,6}[ \t]|^[ \t]*(?:=+|-+)[ \t]*$", re.M)
_MARKUP = re.compile(r"[\[\]`*_<&\\!]")


def pieces(body: str, config: MarkdownConfig | None = None) -> list[str]:
    """`body` cut before headings where Python-Markdown renders each piece alone as in place.
    Not cut: bodies with fences, raw-HTML blocks, reference links, or headings that might
    get the same id (toc numbers repeats across the whole document, and an explicit id
    counts as taken everywhere)."""
    config = config or _active
    if not _BREAK.search(body) or _WHOLE.search(body) or _OTHER_HEADING.search(body) \
            or not set(config.extensions) <= _LOCAL or "slugify" in config.option_dict().get("toc", {}):
        return [body]
    from maklumat.parity.sections import (
        slugify,  # here: sections.py reads through this module
    )
    ids = []
    for line in _HEADING.findall(body):
        attrs = _ATTRS.search(line)
        title = line[:attrs.start()] if attrs else line
        explicit = re.search(r"#([\w:-]+)", attrs.group(1)) if attrs else None
        if _MARKUP.search(title):
            return [body]
        # Coarser than toc's slug (its slug equal => ours equal), so no repeat is missed.
        ids.append(re.sub(r"[-_]", "", explicit.group(1) if explicit else slugify(title)))
    if len(set(ids)) != len(ids):
        return [body]
    out, start = [], 0
    for m in _BREAK.finditer(body):
        out.append(body[start:m.start()])
        start = m.end()
    out.append(body[start:])
    return [p for p in out if p.strip()] or [body]


@lru_cache(maxsize=8)
def _engine(config: MarkdownConfig) -> markdown.Markdown:
    try:
        return markdown.Markdown(extensions=list(config.extensions),
                                 extension_configs=config.option_dict())
    except Exception as exc:   # an unknown extension or a bad option in mkdocs.yml
        raise MaklumatError.say("rendering_extensions", "mkdocs.yml", problem=str(exc)) from None


# A history's distinct pieces (6,600 at 20 notices x 100 versions x 2 languages): all kept,
# so the redlines read the pieces the fingerprints rendered (a quarter of their time).
@lru_cache(maxsize=16384)
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
    here = Path(__file__).parent.parent   # maklumat/
    for name in _CODE + tuple(code):
        h.update((here / name).read_bytes())
    return h.hexdigest()[:16]
