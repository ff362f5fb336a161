"""Launching Debian's Chromium for the browser tests without the browser UI no test uses.

The tests run in chromium-headless-shell (tools.CHROMIUM), which has no browser UI at all.
The full browser (test_site_full_browser.py) in headless mode opens a window per Playwright
page with its own address-bar popup, a WebUI page in a renderer process of its own
(chrome://omnibox-popup.top-chrome/): measured here, about 0.7 s of CPU for every new page,
several times what loading a notice page costs. The features below turn that popup off;
nothing a test looks at is drawn by it. Both programs are launched the same way.

Chromium reads only the last --disable-features switch, so ours replaces Playwright's own
list (`PLAYWRIGHT_DISABLED`, Playwright 1.65's) with that list plus ours; `check_switches`
fails loudly if Playwright's list has changed, instead of silently dropping it.
"""
from __future__ import annotations

import os
from pathlib import Path

PLAYWRIGHT_DISABLED = (
    "--disable-features=AvoidUnnecessaryBeforeUnloadCheckSync,DestroyProfileOnBrowserClose,HttpsUpgrades,"
    "HttpsFirstBalancedModeAutoEnable,LensOverlay,MediaRouter,PaintHolding,ThirdPartyStoragePartitioning,"
    "AvoidCorsURLLoaderRestartOnRedirect,TcpPortRandomizationWin,OptimizationHints,NetworkTimeServiceQuerying,"
    "AimEnabled,PreconnectToSearch,msForceBrowserSignIn,msEdgeUpdateLaunchServicesPreferredVersion")
NO_ADDRESS_BAR_POPUP = ("WebUIOmniboxPopup", "WebUIOmniboxAimPopup", "WebUIOmniboxFullPopup")
DISABLED = PLAYWRIGHT_DISABLED + "," + ",".join(NO_ADDRESS_BAR_POPUP)
ARGS = ["--disable-gpu", "--disable-quic", DISABLED]


def launch(playwright, executable: str):
    browser = playwright.chromium.launch(executable_path=executable, headless=True, args=ARGS,
                                         ignore_default_args=[PLAYWRIGHT_DISABLED])
    try:
        check_switches(browser_switches(os.path.basename(executable)))
    except AssertionError:
        browser.close()
        raise
    return browser


def check_switches(switches: list[list[str]]) -> None:
    """Exactly one --disable-features, ours, in the browser process this process launched
    (of the program just launched: the full browser may run beside the headless shell)."""
    assert len(switches) == 1, f"not one Chromium browser process started by this process: {len(switches)}"
    found = [s for s in switches[0] if s.startswith("--disable-features=")]
    assert found == [DISABLED], (
        "Chromium was not started with exactly our --disable-features (Playwright's list plus "
        f"{', '.join(NO_ADDRESS_BAR_POPUP)}): Playwright's own list has changed; copy it into "
        f"PLAYWRIGHT_DISABLED in tests/browser_launch.py. Found: {found}")


def browser_switches(program: str) -> list[list[str]]:
    """The command lines of the browser processes named `program` (chromium, or
    chromium-headless-shell; not their helpers) that are descendants of this process
    (Playwright's driver starts them)."""
    parents, lines = {}, {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            args = (entry / "cmdline").read_bytes().decode(errors="replace").split("\0")
        except (OSError, IndexError, ValueError):
            continue
        if args and os.path.basename(args[0]) == program and not any(a.startswith("--type=") for a in args):
            lines[int(entry.name)] = [a for a in args if a]
    return browsers(parents, lines, os.getpid())


def browsers(parents: dict[int, int], lines: dict[int, list[str]], me: int) -> list[list[str]]:
    """Of the processes in `lines` (pid -> command line), the browsers `me` started: its
    descendants, but not a child of another of them. A browser starting a helper forks
    first, and until the child executes its own program it shows the browser's very
    command line: on a busy machine the scan above can catch one (a second "browser")."""
    def mine(pid: int) -> bool:
        for _ in range(8):
            pid = parents.get(pid, 0)
            if pid == me:
                return True
            if pid <= 1:
                return False
        return False
    return [line for pid, line in lines.items() if mine(pid) and parents.get(pid) not in lines]
