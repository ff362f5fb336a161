"""`python -m maklumat new <key> --title-id … --title-en …`: start a new notice.

Writes docs/id/<key>.md and docs/en/<key>.md with the same section anchors, so the
pair passes the parity check from its first commit and editors only replace the
TODO text. It never overwrites: a half-written notice is worse than an error.
"""
from __future__ import annotations

import argparse
import re
from pathlib import Path

from maklumat import catalog
from maklumat.errors import MaklumatError
from maklumat.markdown import frontmatter
from maklumat.mkdocs.config import load_settings
from maklumat.model import Settings, key_url
from maklumat.publish import reserved

# One path segment: lowercase letters and digits, words joined by single hyphens.
_SEGMENT = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_KEY = re.compile(rf"^{_SEGMENT}(?:/{_SEGMENT})*$")

# (anchor, Indonesian heading, English heading, Indonesian TODO, English TODO)
SECTIONS = [
    ("about", "Tentang Pemberitahuan Ini", "About This Notice",
     "TODO: jelaskan untuk siapa pemberitahuan ini dan layanan Seruni mana yang dicakupnya.",
     "TODO: say who this notice is for and which Seruni services it covers."),
    ("data-we-collect", "Data yang Kami Kumpulkan", "Data We Collect",
     "TODO: sebutkan jenis data pribadi yang dikumpulkan dan dari mana asalnya.",
     "TODO: list the kinds of personal data collected and where they come from."),
    ("purposes", "Tujuan Penggunaan Data", "How We Use Data",
     "TODO: jelaskan tujuan pemrosesan dan dasar hukumnya.",
     "TODO: explain the purposes of processing and their legal basis."),
    ("sharing", "Pembagian Data", "Sharing Data",
     "TODO: sebutkan pihak penerima data, bila ada, dan alasannya.",
     "TODO: name who receives the data, if anyone, and why."),
    ("retention", "Retensi Data", "Data Retention",
     "TODO: sebutkan berapa lama data disimpan dan apa yang terjadi sesudahnya.",
     "TODO: state how long the data is kept and what happens afterwards."),
    ("rights", "Hak Anda", "Your Rights",
     "TODO: jelaskan hak subjek data dan cara menggunakannya.",
     "TODO: describe the data subject's rights and how to use them."),
    ("contact", "Hubungi Kami", "Contact Us",
     "TODO: cantumkan kontak pejabat pelindungan data, mis. dpo@seruni.example.",
     "TODO: give the data protection officer's contact, e.g. dpo@seruni.example."),
]

_HINT = {
    "id": ("# Tanggal berlaku: hapus tanda '#' di awal baris di bawah ini dan isi tanggalnya\n"
           "# (TTTT-BB-HH). Tanpa tanggal, versi ini berlaku sejak diterbitkan.\n"),
    "en": ("# Effective date: remove the '#' at the start of the line below and fill in the date\n"
           "# (YYYY-MM-DD). Without a date, this version takes effect when it is published.\n"),
}
_DESCRIPTION = {
    "id": "TODO: satu kalimat tentang isi pemberitahuan ini (untuk mesin pencari dan pratinjau tautan).",
    "en": "TODO: one sentence on what this notice covers (for search engines and link previews).",
}
_INTRO = {
    "id": ("TODO: satu paragraf pembuka tentang isi pemberitahuan ini. "
           "Pemberitahuan ini diterbitkan oleh PT Seruni Data Nusantara (\"Seruni\")."),
    "en": ("TODO: one opening paragraph about what this notice covers. "
           "This notice is published by PT Seruni Data Nusantara (\"Seruni\")."),
}


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "new", help="create a new notice in both languages",
        description="Create docs/<lang>/<key>.md for every language, with matching section anchors.")
    p.add_argument("key", help="notice key, e.g. cookies or products/payments (a-z, 0-9, hyphens, '/')")
    p.add_argument("--title-id", required=True, help="title in Indonesian")
    p.add_argument("--title-en", required=True, help="title in English")
    p.add_argument("--root", type=Path, default=Path("."), help="repository root (default: current folder)")
    p.add_argument("-f", "--config-file", type=Path, default=None,
                   help="the MkDocs configuration (default: mkdocs.yml in the repository)")


def run(args: argparse.Namespace) -> int:
    root = Path(args.root)
    config = args.config_file or root / "mkdocs.yml"
    settings = load_settings(config) if config.exists() else Settings()
    titles = {"id": args.title_id, "en": args.title_en}
    written = scaffold(root, args.key, titles, settings)
    say = catalog.message
    for path in written:
        print(say(settings.messages_lang, "cli_new_created").format(path=path))
    print(say(settings.messages_lang, "cli_new_next"))
    return 0


def validate_key(key: str, settings: Settings | None = None) -> str:
    """The key becomes a path and a URL: keep it lowercase, plain and unambiguous, and
    off the site's own URLs (the same rule as the build's, reserved.py)."""
    settings = settings or Settings()
    words = settings.messages_lang
    if key.endswith(".md"):
        raise MaklumatError(catalog.say(words, "new_key_md", key=key[:-3]))
    if not _KEY.match(key):
        raise MaklumatError(catalog.say(words, "new_key_invalid", key=repr(key)))
    for lang in settings.languages:
        why = reserved.reason(f"{key}.md", lang, settings, home_ok=False)
        if why:
            raise MaklumatError(why + " " + catalog.message(words, "new_nothing_written"),
                                f"{settings.docs_dir}/{lang}/{key}.md")
    return key


def scaffold(root: Path, key: str, titles: dict[str, str], settings: Settings) -> list[Path]:
    """Create one file per language; check everything first so nothing is half-written."""
    validate_key(key, settings)
    words = settings.messages_lang
    titles = dict(titles)
    for lang in settings.languages:
        title = (titles.get(lang) or "").strip()
        if not title or "\n" in title:
            raise MaklumatError(catalog.say(words, "new_title_line", lang=lang))
        titles[lang] = title
    docs = root / settings.docs_dir
    if not docs.is_dir():
        raise MaklumatError(catalog.say(words, "new_no_docs", docs=settings.docs_dir), str(root.resolve()))
    targets = {}
    for lang in settings.languages:
        path = docs / lang / f"{key}.md"
        rel = path.relative_to(root).as_posix()
        if path.exists():
            raise MaklumatError(catalog.message(words, "new_exists"), rel)
        clash = _same_url(docs / lang, key)
        if clash:
            raise MaklumatError(catalog.say(words, "new_same_url", other=clash.relative_to(root).as_posix(),
                                            url=key_url(key)), rel)
        targets[lang] = path
    texts = {lang: render(lang, titles[lang]) for lang in targets}
    for lang, text in texts.items():
        # Markdown would eat a closing '#' or a '{...}' attribute list: refuse, don't alter.
        if frontmatter.parse(text, str(targets[lang])).title != titles[lang]:
            raise MaklumatError(catalog.say(words, "new_title_heading", lang=lang, title=repr(titles[lang])))
    for lang, path in targets.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as out:  # "x": never overwrite
            out.write(texts[lang])
    return [p.relative_to(root) for p in targets.values()]


def _same_url(lang_dir: Path, key: str) -> Path | None:
    """`a.md` and `a/index.md` would both be served at /a/."""
    url = key_url(key)
    if not lang_dir.is_dir():
        return None
    for existing in lang_dir.rglob("*.md"):
        other = existing.relative_to(lang_dir).with_suffix("").as_posix()
        if key_url(other) == url:
            return existing
    return None


def render(lang: str, title: str) -> str:
    """The skeleton: front matter, title, intro and one TODO paragraph per section.

    The front matter holds a real key besides the commented hint: MkDocs keeps a block
    of comments only as page text."""
    if lang not in _HINT:
        raise MaklumatError.say("new_no_skeleton", lang=repr(lang))
    column = 1 if lang == "id" else 2
    parts = [f"---\ndescription: {_yaml_str(_DESCRIPTION[lang])}\n{_HINT[lang]}# effective: 2027-01-15\n---\n",
             f"# {title}\n", _INTRO[lang] + "\n"]
    for section in SECTIONS:
        parts.append(f"## {section[column]} {{#{section[0]}}}\n\n{section[column + 2]}\n")
    return "\n".join(parts)


def _yaml_str(text: str) -> str:
    """Quote the value so colons or '#' in it stay part of the string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
