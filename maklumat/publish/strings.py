"""Words the site itself says, per language. Editors can override the statement that
the prevailing text is binding in mkdocs.yml (`extra.maklumat.prevails`)."""
from __future__ import annotations

from babel import Locale, UnknownLocaleError

STRINGS = {
    "id": {
        "last_updated": "Terakhir diperbarui",
        "effective": "Berlaku",
        "version": "Versi",
        "history": "Riwayat versi",
        "history_of": "Riwayat versi: {title}",
        "changes_since_previous": "Perubahan sejak versi sebelumnya",
        "what_changed": "Apa yang berubah",
        "changes_title": "Perubahan: {title}, versi {date} ({id})",
        "draft_changes_title": "Perubahan draf: {title}",
        "archived": "Arsip: ini adalah versi {date} dan bukan versi yang berlaku saat ini.",
        "in_force_from_to": "Berlaku dari {start} sampai {end}.",
        "in_force_from": "Berlaku sejak {start}.",
        "never_in_force": "Versi ini digantikan sebelum mulai berlaku.",
        "upcoming_version": "Versi mendatang: teks ini berlaku mulai {date}.",
        "see_current": "Lihat versi yang berlaku",
        "upcoming_banner": "Perubahan berlaku mulai {date}.",
        "see_what_changes": "Lihat apa yang berubah",
        "draft": "Draf — belum diterbitkan. Teks ini berisi perubahan yang belum di-commit dan tidak ditampilkan di situs yang diterbitkan.",
        "draft_changes": "Lihat perubahan draf",
        "withdrawn": "Pemberitahuan ini telah dicabut pada {date}. Versi-versi sebelumnya tetap tersedia.",
        "moved": "Pemberitahuan ini telah dipindahkan.",
        "moved_to": "Versi saat ini ada di {link}.",
        "subscribe": "Ikuti perubahan (feed)",
        "feed_title": "Perubahan pemberitahuan",
        "published": "Diterbitkan",
        "summary": "Ringkasan",
        "kind": "Jenis",
        "editorial": "Editorial",
        "material": "Perubahan materi",
        "compare": "Bandingkan dua versi",
        "compare_from": "Dari versi",
        "compare_to": "Ke versi",
        "compare_go": "Bandingkan",
        "current_marker": "berlaku",
        "upcoming_marker": "mendatang",
        "notices": "Pemberitahuan",
        "notice": "Pemberitahuan",
        "no_versions": "Belum ada versi yang diterbitkan.",
        "only_in_other": "Pemberitahuan ini hanya tersedia dalam {language}.",
        "read_in_other": "Baca dalam {language}",
        "language": "bahasa {name}",
        "prevails": "Teks berbahasa Indonesia adalah teks yang mengikat. Terjemahan lainnya disediakan untuk kemudahan.",
        "read_prevailing": "Baca teks berbahasa Indonesia",
        "lag_prevailing_behind": "Perhatian: teks {ahead} diperbarui pada {date} dan teks ini belum disesuaikan.",
        "lag_translation_pending": "Perhatian: teks {ahead} lebih baru (diperbarui pada {date}); terjemahan ini sedang disesuaikan.",
        "version_of": "Versi {date}",
        "first_version": "Versi pertama: belum ada versi sebelumnya untuk dibandingkan.",
        "not_found": "Halaman tidak ditemukan",
        "not_found_body": "Halaman yang Anda cari tidak ada di sini. Setiap versi pemberitahuan yang pernah diterbitkan tetap tersedia; mulailah dari beranda.",
        "home": "Ke beranda",
    },
    "en": {
        "last_updated": "Last updated",
        "effective": "Effective",
        "version": "Version",
        "history": "Version history",
        "history_of": "Version history: {title}",
        "changes_since_previous": "Changes since the previous version",
        "what_changed": "What changed",
        "changes_title": "Changes: {title}, version of {date} ({id})",
        "draft_changes_title": "Draft changes: {title}",
        "archived": "Archived: this is the version of {date}, not the version in force.",
        "in_force_from_to": "In force from {start} to {end}.",
        "in_force_from": "In force since {start}.",
        "never_in_force": "This version was replaced before it took effect.",
        "upcoming_version": "Upcoming version: this text takes effect on {date}.",
        "see_current": "See the version in force",
        "upcoming_banner": "Changes take effect on {date}.",
        "see_what_changes": "See what changes",
        "draft": "Draft — not yet published. This text has uncommitted changes and is not shown on the published site.",
        "draft_changes": "See the draft's changes",
        "withdrawn": "This notice was withdrawn on {date}. Its past versions remain available.",
        "moved": "This notice has moved.",
        "moved_to": "The current version is at {link}.",
        "subscribe": "Subscribe to changes (feed)",
        "feed_title": "Notice changes",
        "published": "Published",
        "summary": "Summary",
        "kind": "Kind",
        "editorial": "Editorial",
        "material": "Material change",
        "compare": "Compare two versions",
        "compare_from": "From version",
        "compare_to": "To version",
        "compare_go": "Compare",
        "current_marker": "in force",
        "upcoming_marker": "upcoming",
        "notices": "Notices",
        "notice": "Notice",
        "no_versions": "No version has been published yet.",
        "only_in_other": "This notice is available only in {language}.",
        "read_in_other": "Read it in {language}",
        "language": "{name}",
        "prevails": "The Indonesian text is the binding text. This English translation is provided for convenience.",
        "read_prevailing": "Read the Indonesian text",
        "lag_prevailing_behind": "Attention: the {ahead} text was updated on {date} and this text has not been brought in line yet.",
        "lag_translation_pending": "Attention: the {ahead} text is newer (updated on {date}); this translation is being updated.",
        "version_of": "Version of {date}",
        "first_version": "First version: there is no earlier version to compare with.",
        "not_found": "Page not found",
        "not_found_body": "The page you are looking for is not here. Every version of a notice that was ever published remains available; start from the home page.",
        "home": "Go to the home page",
    },
}


def language_name(lang: str, ui_lang: str) -> str:
    """`lang`'s name in `ui_lang` ("bahasa Inggris", "Indonesian"), from Babel's CLDR data."""
    try:
        name = Locale.parse(ui_lang).languages.get(lang) or lang
    except (ValueError, UnknownLocaleError):
        name = lang
    return t(ui_lang, "language", name=name)


def t(lang: str, key: str, overrides: dict | None = None, **fields) -> str:
    """The string `key` in `lang` (English if the language has none), with fields filled."""
    table = STRINGS.get(lang) or STRINGS["en"]
    text = (overrides or {}).get(key, {}).get(lang) if overrides else None
    text = text or table.get(key) or STRINGS["en"][key]
    return text.format(**fields) if fields else text

