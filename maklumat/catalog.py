"""The site's own words: one gettext catalog per language (locale/<lang>/LC_MESSAGES/maklumat.po).

The `.po` files are the sources; Babel reads one and compiles it in memory the first time a
language is asked for, so an editable install and a wheel behave the same (no build step to
forget). msgids are keys (`withdrawn`, `redline_loading`, `feed_title_first`); the English
catalog holds the English words. Adding a language is adding a catalog."""
from __future__ import annotations

import gettext
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from maklumat.errors import MaklumatError

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "maklumat"
FALLBACK = "en"
CLI_LANG = "en"   # commands run where there is no site (no mkdocs.yml); else its messages_language


def catalog_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def languages() -> tuple[str, ...]:
    """Every language that has a catalog."""
    return tuple(sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")))


def read_catalog(lang: str):
    """The Babel `Catalog` of `lang` (its `.po` source, parsed)."""
    path = catalog_path(lang)
    try:
        with path.open("rb") as fh:
            return read_po(fh, locale=lang, domain=DOMAIN, abort_invalid=True)
    except Exception as e:   # a hand-edited catalog: say which file, never a traceback
        raise MaklumatError(f"the word catalog cannot be read ({e}); fix the file or restore it from git",
                            str(path)) from None


@lru_cache(maxsize=None)
def _compiled(lang: str) -> tuple[gettext.GNUTranslations, frozenset[str]] | None:
    if not catalog_path(lang).is_file():
        return None
    cat = read_catalog(lang)
    buf = BytesIO()
    write_mo(buf, cat)   # fuzzy entries are left out, as msgfmt does
    buf.seek(0)
    ids = frozenset(m.id if isinstance(m.id, str) else m.id[0]
                    for m in cat if m.id and m.string and not m.fuzzy)
    return gettext.GNUTranslations(buf), ids


def has(lang: str) -> bool:
    return _compiled(lang) is not None


def _pick(lang: str, key: str, strict: bool):
    for candidate in ((lang,) if strict else (lang, FALLBACK)):
        compiled = _compiled(candidate)
        if compiled is not None and key in compiled[1]:
            return compiled[0]
    if strict and not has(lang):
        raise MaklumatError(f"there are no words for language {lang!r}: add a catalog "
                            f"(copy maklumat/locale/maklumat.pot and translate it)", str(catalog_path(lang)))
    raise MaklumatError(f"the word {key!r} is missing from the catalog of {lang!r}; add it",
                        str(catalog_path(lang if has(lang) else FALLBACK)))


@lru_cache(maxsize=4096)   # every page asks for the same few words (the catalogs are read once: _compiled)
def message(lang: str, key: str, strict: bool = False) -> str:
    """The words for `key` in `lang`; English when `lang` has no catalog or lacks `key`,
    unless `strict` (feeds speak their reader's language or not at all)."""
    return _pick(lang, key, strict).gettext(key)


def say(lang: str, key: str, /, **fields) -> str:
    """`message` with its `{placeholders}` filled: an editor-facing sentence in `lang`."""
    return message(lang, key).format(**fields)


def plural(lang: str, key: str, n: int, strict: bool = False) -> str:
    """The plural form of `key` for `n` in `lang` (`{n}` left for the caller to fill)."""
    return _pick(lang, key, strict).ngettext(key, key, n)


def group(lang: str, prefix: str) -> dict[str, str]:
    """Every message whose key starts with `prefix`, keyed without it (English fills gaps)."""
    keys = set()
    for candidate in (FALLBACK, lang):
        compiled = _compiled(candidate)
        if compiled is not None:
            keys |= {k for k in compiled[1] if k.startswith(prefix)}
    return {k[len(prefix):]: message(lang, k) for k in sorted(keys)}


# Words kept out of site overrides: redlines are cached and must read the same in the browser
# (compare.js) and in Python; feeds and the command line are not pages.
_NOT_OVERRIDABLE = ("redline_", "feed_", "cli_")


def check_overrides(overrides, where: str | None = "mkdocs.yml") -> dict:
    """The plugin option `strings` ({key: {lang: text}}), checked: known page words only."""
    if not overrides:
        return {}
    known = _compiled(FALLBACK)[1]
    if not isinstance(overrides, dict):
        raise MaklumatError("the Maklumat option 'strings' must map a word's key to its text per language, "
                            "e.g. prevails: {en: \"The Indonesian text is binding.\"}", where)
    for key, texts in overrides.items():
        if key not in known or str(key).startswith(_NOT_OVERRIDABLE):
            raise MaklumatError(f"the Maklumat option 'strings': '{key}' is not one of the page words a site can "
                                f"override; the keys are the msgids of maklumat/locale/en/LC_MESSAGES/maklumat.po "
                                f"(not those starting with {', '.join(_NOT_OVERRIDABLE)})", where)
        if not isinstance(texts, dict) or not all(isinstance(v, str) for v in texts.values()):
            raise MaklumatError(f"the Maklumat option 'strings': '{key}' must give its text per language, "
                                f"e.g. {key}: {{en: \"...\"}}", where)
    return overrides
