"""The one Settings object of a build, from plain values (the plugin and the CLI both come here)."""
from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from maklumat import catalog
from maklumat.buildinfo import build_date
from maklumat.errors import MaklumatError
from maklumat.model import DEFAULT_MARKDOWN, MarkdownConfig, Settings


def make_settings(*, languages: list[str] | tuple[str, ...], root_lang: str | None = None,
                  prevailing: str | None = None, timezone: str = "Asia/Jakarta", docs_dir: str = "docs",
                  site_url: str = "", markdown: MarkdownConfig | None = None, strings: dict | None = None,
                  messages_language: str | None = None, notice_days: int = 0,
                  commit_language: str = "en", where: str | None = None) -> Settings:
    """Checked settings; `where` (the configuration file) is named in every error.
    The root language (built at the site root) comes first; the prevailing language
    defaults to it."""
    languages = tuple(languages) or Settings().languages
    root_lang = root_lang or languages[0]
    languages = (root_lang,) + tuple(lang for lang in languages if lang != root_lang)
    prevailing = prevailing or root_lang
    words = words_language(messages_language, prevailing)   # until the settings are known
    if prevailing not in languages:
        raise MaklumatError(catalog.say(words, "settings_prevailing", prevailing=prevailing,
                                        languages=", ".join(languages)), where)
    messages_lang = messages_language or prevailing
    if not catalog.has(messages_lang):
        raise MaklumatError(catalog.say(words, "settings_messages_language", lang=messages_lang,
                                        languages=", ".join(catalog.languages())), where)
    if notice_days < 0:
        raise MaklumatError(catalog.say(words, "settings_notice_days", days=notice_days), where)
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise MaklumatError(catalog.say(words, "settings_timezone", timezone=timezone), where) from None
    try:
        on = build_date(timezone)
    except MaklumatError as exc:
        raise exc.worded(words) from None
    if site_url and not site_url.endswith("/"):
        site_url += "/"
    return Settings(languages=languages, prevailing=prevailing, root_lang=root_lang, timezone=timezone,
                    docs_dir=docs_dir.strip("/") or ".", site_url=site_url, build_date=on,
                    markdown=markdown or DEFAULT_MARKDOWN, strings=check_strings(strings or {}, where),
                    messages_lang=messages_lang, notice_days=int(notice_days), commit_lang=commit_language)


def words_language(messages_language: str | None, prevailing: str | None) -> str:
    """The language of an error found before the settings are complete: the messages
    language when it has a catalog, else the prevailing language's, else English."""
    return next((lang for lang in (messages_language, prevailing) if lang and catalog.has(lang)), catalog.FALLBACK)


def check_strings(strings: dict, where: str | None) -> dict:
    """`strings: {key: {lang: text}}`: the site's own words replacing the catalog's page words."""
    checked = catalog.check_overrides(strings, where)
    return {str(k): {str(lang): text for lang, text in v.items()} for k, v in checked.items()}
