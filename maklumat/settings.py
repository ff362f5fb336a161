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
    if prevailing not in languages:
        raise MaklumatError(f"the Maklumat option 'prevailing: {prevailing}' is not one of the site's "
                            f"languages ({', '.join(languages)}); set it to one of them", where)
    messages_lang = messages_language or prevailing
    if not catalog.has(messages_lang):
        raise MaklumatError(f"the Maklumat option 'messages_language: {messages_lang}' has no catalog of "
                            f"messages; use one of {', '.join(catalog.languages())}", where)
    if notice_days < 0:
        raise MaklumatError(f"the Maklumat option 'notice_days: {notice_days}' must be 0 or more days", where)
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise MaklumatError(f"the Maklumat option 'timezone: {timezone}' is not a known time zone "
                            "(write a name like Asia/Jakarta)", where) from None
    if site_url and not site_url.endswith("/"):
        site_url += "/"
    return Settings(languages=languages, prevailing=prevailing, root_lang=root_lang, timezone=timezone,
                    docs_dir=docs_dir.strip("/") or ".", site_url=site_url, build_date=build_date(timezone),
                    markdown=markdown or DEFAULT_MARKDOWN, strings=check_strings(strings or {}, where),
                    messages_lang=messages_lang, notice_days=int(notice_days), commit_lang=commit_language)


def check_strings(strings: dict, where: str | None) -> dict:
    """`strings: {key: {lang: text}}`: the site's own words replacing the catalog's page words."""
    checked = catalog.check_overrides(strings, where)
    return {str(k): {str(lang): text for lang, text in v.items()} for k, v in checked.items()}
