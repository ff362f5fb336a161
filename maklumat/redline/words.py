"""UI strings of redlines, per page language: the catalog's `redline_*` messages
(maklumat/catalog.py); compare.js receives the same set in the page (`script_tag`), so the
browser and Python redlines say the same words."""
from __future__ import annotations

import json
from html import escape

from maklumat import catalog

PREFIX = "redline_"


def strings(lang: str) -> dict[str, str]:
    """The strings for `lang`; a language without its own catalog reads English."""
    return catalog.group(lang, PREFIX)


def script_tag(lang: str) -> str:
    """The redline words as JSON in the page, for assets/compare.js (never a copy in the JS)."""
    data = json.dumps(strings(lang), ensure_ascii=False, sort_keys=True)
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="mk-compare-strings" lang="{escape(lang)}">{data}</script>'
