"""UI strings of redlines, per page language: the catalog's `redline_*` messages
(maklumat/catalog.py); compare.js receives the same set in the page (`script_tag`)."""
from __future__ import annotations

import json
from html import escape

from . import catalog

PREFIX = "redline_"


def strings(lang: str, overrides: dict | None = None) -> dict[str, str]:
    """The strings for `lang`; a language without its own catalog reads English.
    `overrides` is the site's `{key: {lang: text}}` (keys with the `redline_` prefix)."""
    out = catalog.group(lang, PREFIX)
    for key in out:
        text = ((overrides or {}).get(PREFIX + key) or {}).get(lang)
        if text:
            out[key] = text
    return out


def script_tag(lang: str, overrides: dict | None = None) -> str:
    """The redline words as JSON in the page, for assets/compare.js (never a copy in the JS)."""
    data = json.dumps(strings(lang, overrides), ensure_ascii=False, sort_keys=True)
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="mk-compare-strings" lang="{escape(lang)}">{data}</script>'
