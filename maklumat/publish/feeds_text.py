"""What the feeds say, per language. A feed speaks its reader's language or not at
all: a language without phrases here is an error, never a silent English fallback."""
from __future__ import annotations

from maklumat.errors import MaklumatError

PHRASES = {
    "id": {
        "subtitle": "Setiap perubahan materi pada pemberitahuan privasi, beserta tanggal berlakunya.",
        "notice_subtitle": "Setiap perubahan materi pada {title}, beserta tanggal berlakunya.",
        "title_first": "{title} diterbitkan — berlaku {date}",
        "title_update": "{title} diperbarui — berlaku {date}",
        "title_withdrawn": "{title} dicabut — {date}",
        "effective": "Perubahan ini berlaku mulai {date}.",
        "effective_first": "Pemberitahuan ini berlaku mulai {date}.",
        "withdrawn_text": "Pemberitahuan ini dicabut pada {date}. Versi-versi sebelumnya tetap tersedia.",
        "sections": "Bagian yang berubah:",
        "added": "Ditambahkan",
        "removed": "Dihapus",
        "moved": "Dipindahkan",
        "changed": "Diubah",
        "intro": "Pembuka",
        "inserted": "{n} kata disisipkan",
        "deleted": "{n} kata dihapus",
        "see_changes": "Lihat semua perubahan",
        "read_version": "Baca versi ini",
        "read_withdrawn": "Lihat riwayat pemberitahuan ini",
    },
    "en": {
        "subtitle": "Every material change to the privacy notices, with the date it takes effect.",
        "notice_subtitle": "Every material change to the {title}, with the date it takes effect.",
        "title_first": "{title} published — effective {date}",
        "title_update": "{title} updated — effective {date}",
        "title_withdrawn": "{title} withdrawn — {date}",
        "effective": "This change takes effect on {date}.",
        "effective_first": "This notice takes effect on {date}.",
        "withdrawn_text": "This notice was withdrawn on {date}. Its past versions remain available.",
        "sections": "Sections changed:",
        "added": "Added",
        "removed": "Removed",
        "moved": "Moved",
        "changed": "Changed",
        "intro": "Introduction",
        "inserted": "{n} words inserted",
        "inserted_one": "1 word inserted",
        "deleted": "{n} words deleted",
        "deleted_one": "1 word deleted",
        "see_changes": "See every change",
        "read_version": "Read this version",
        "read_withdrawn": "See this notice's history",
    },
}


def phrase(lang: str, key: str, **fields) -> str:
    table = PHRASES.get(lang)
    if table is None:
        raise MaklumatError(f"feeds have no wording for language {lang!r}; "
                            f"add it to PHRASES in maklumat/feeds_text.py")
    return table[key].format(**fields)


def words_phrase(lang: str, inserted: int, deleted: int) -> str:
    """"12 kata disisipkan, 4 kata dihapus" (the redline page's words); zero parts are left out."""
    parts = []
    for key, n in (("inserted", inserted), ("deleted", deleted)):
        if n:
            one = PHRASES.get(lang, {}).get(f"{key}_one")
            parts.append(one if n == 1 and one else phrase(lang, key, n=n))
    return ", ".join(parts)
