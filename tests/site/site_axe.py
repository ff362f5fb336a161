"""Running axe-core in a Playwright page and keeping what a reader would be hurt by."""
from __future__ import annotations

import tools

BLOCKING = ("serious", "critical")
# Colour transitions would let axe measure half-way colours; end them at once.
_NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"


def serious_violations(page) -> list[str]:
    """axe's serious and critical violations on the loaded page, one line per node."""
    axe = tools.axe()
    page.add_style_tag(content=_NO_TRANSITIONS)
    page.add_script_tag(path=str(axe))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    lines = []
    for rule in result["violations"]:
        if rule["impact"] in BLOCKING:
            for node in rule["nodes"]:
                lines.append(f"{rule['impact']} {rule['id']}: {rule['help']} at "
                             f"{' '.join(map(str, node['target']))}: {node.get('failureSummary', '')}")
    return lines
