"""A live notice's tip, the text it publishes now, checked readable once per blob."""
from __future__ import annotations

import re

from maklumat.errors import MaklumatError, Phrase
from maklumat.history.gitlog import REGULAR_MODES, BlobReader
from maklumat.markdown import active_content, frontmatter, rendering
from maklumat.model import NoticeFile

_COMMENT = re.compile(r"<!--.*?-->", re.S)


def check_tip(f: NoticeFile, mode: str, reader: BlobReader) -> None:
    """What a live notice publishes now must be a readable text: a regular file (never a
    link: its target is not read), valid front matter, and some text after it."""
    if mode not in REGULAR_MODES:
        kind = Phrase("tip_symlink", {}) if mode == "120000" else Phrase("tip_not_regular", {"mode": mode})
        raise MaklumatError.say("tip_not_a_file", f.path, kind=kind)
    if not f.versions:
        return
    tip = f.versions[-1]
    checked = (tip.blob, tip.path, rendering.active())
    if checked in _TIPS_READABLE:   # (mkdocs serve: every save reads the same tips)
        return
    fm = frontmatter.parse(frontmatter.clean_text(reader.read(tip.blob), tip.path), tip.path)
    if not _COMMENT.sub("", fm.body).strip():
        raise MaklumatError.say("tip_only_front_matter" if fm.body_line > 1 else "tip_no_text", tip.path,
                                fm.body_line)
    active_content.check(rendering.render(fm.body), fm.body, tip.path, fm.body_line)
    _TIPS_READABLE.add(checked)


_TIPS_READABLE: set[tuple] = set()   # (blob, path, Markdown reading) of tips that passed check_tip
