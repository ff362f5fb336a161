"""Words the site itself says on its pages, from the catalog (maklumat/catalog.py); a site
overrides any of them per language in mkdocs.yml (the plugin option `strings`)."""
from __future__ import annotations

from babel import Locale, UnknownLocaleError

from maklumat import catalog


def language_name(lang: str, ui_lang: str) -> str:
    """`lang`'s name in `ui_lang` ("bahasa Inggris", "Indonesian"), from Babel's CLDR data."""
    try:
        name = Locale.parse(ui_lang).languages.get(lang) or lang
    except (ValueError, UnknownLocaleError):
        name = lang
    return t(ui_lang, "language", name=name)


def t(lang: str, key: str, overrides: dict | None = None, **fields) -> str:
    """The string `key` in `lang` (English if the language has none), with fields filled.
    `overrides` is the site's `{key: {lang: text}}`."""
    text = (overrides or {}).get(key, {}).get(lang) if overrides else None
    text = text or catalog.message(lang, key)
    return text.format(**fields) if fields else text
