"""Per-language search: the one index static-i18n writes at the site root, split by language.

static-i18n merges every language's pages into `search/search_index.json`, so an Indonesian
search finds English pages. After the build each language gets its own index under its own
folder (`search/` for the root language, `en/search/` ...), with locations relative to that
folder; the pages point Material's search at their language's folder (maklumat/mkdocs/theme/main.html,
`__config.base`). lunr has no Indonesian stemmer: the index keeps the search plugin's
pipeline, which (as configured by MkDocs' search plugin here) applies no stemmer and no stop
words in either language, so Indonesian words are matched whole or by prefix, never by
English rules.
"""
from __future__ import annotations

import json
from pathlib import Path

from maklumat.model import Settings

def split(site_dir: Path, settings: Settings) -> None:
    root = site_dir / "search" / "search_index.json"
    if not root.is_file():
        return
    data = json.loads(root.read_text("utf-8"))
    prefixes = {lang: settings.url_prefix(lang) for lang in settings.languages}
    for lang, prefix in prefixes.items():
        others = [p for p in prefixes.values() if p and p != prefix and not prefix.startswith(p)]
        docs = [dict(d, location=d["location"][len(prefix):]) for d in data["docs"]
                if d["location"].startswith(prefix) and not any(d["location"].startswith(o) for o in others)]
        config = data.get("config", {})
        target = site_dir / prefix / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":")),
                          "utf-8")
