"""What the feeds say, per language, from the catalog (maklumat/catalog.py). A feed speaks its
reader's language or not at all: a language without a catalog is an error, never English."""
from __future__ import annotations

from maklumat import catalog

# Facts the feeds share with pages and redlines: one message each.
_SHARED = {"added": "redline_kind_added", "removed": "redline_kind_removed", "moved": "redline_kind_moved",
           "changed": "redline_kind_changed", "intro": "redline_intro", "withdrawn_text": "withdrawn"}


def phrase(lang: str, key: str, **fields) -> str:
    text = catalog.message(lang, _SHARED.get(key) or f"feed_{key}", strict=True)
    return text.format(**fields)


def words_phrase(lang: str, inserted: int, deleted: int) -> str:
    """"12 kata disisipkan, 4 kata dihapus" (the redline page's words); zero parts are left out."""
    parts = []
    for key, n in (("feed_words_inserted", inserted), ("feed_words_deleted", deleted)):
        if n:
            parts.append(catalog.plural(lang, key, n, strict=True).format(n=n))
    return ", ".join(parts)
