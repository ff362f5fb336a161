"""Printing a notice: title, version and dates on paper, no navigation chrome."""
from __future__ import annotations

import pytest

from site_pages import VERSION_ID, notice_path

CHROME = (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary",
          ".md-footer", ".md-search", ".md-select")
CASES = [("id", "current"), ("id", "archived"), ("en", "current"), ("en", "archived")]


@pytest.mark.parametrize(("lang", "kind"), CASES)
def test_print(page, history, artifacts, lang, kind):
    versions = history[lang]
    archived = versions.ids[-1]
    path = notice_path(lang) if kind == "current" else versions.path(archived)
    page.emulate_media(media="print")
    page.goto(path)
    pdf = artifacts / f"print-{kind}-{lang}.pdf"
    page.pdf(path=pdf)  # first: a look at the paper helps most when the checks below fail
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 2000
    shown = [s for s in CHROME if any(page.locator(s).nth(i).is_visible()
                                      for i in range(page.locator(s).count()))]
    assert not shown, f"{path} prints navigation chrome: {shown}"
    assert page.locator("article h1").first.is_visible(), f"{path} prints no title"
    assert page.locator(".mk-dates time").first.is_visible(), f"{path} prints no dates (.mk-dates time)"
    printed = page.inner_text("body")  # only what the print style shows
    ids = set(VERSION_ID.findall(printed)) & set(versions.ids)
    assert ids, f"{path} prints no version id"
    if kind == "archived":
        assert archived in ids, f"{path} prints another version's id: {ids}"
