"""Open a page in headless Chromium (Debian's `chromium`): a screenshot, the console
messages it logged, and the DOM after loading.  Every run gets a fresh profile and no
network, so results depend on the page alone."""

from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

# `[pid:tid:date/time:INFO:CONSOLE(12)] "message", source: file:///... (12)`; newer
# builds write `:INFO:CONSOLE:12] "message"` or `... CONSOLE ...` with the level first.
_CONSOLE = re.compile(r"CONSOLE")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--force-device-scale-factor=1")


@dataclass(frozen=True)
class Visit:
    """What Chromium made of a page."""

    console: list[str]  # the lines Chromium logged for console messages and page errors
    dom: str


def _run(chromium: str, profile: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([chromium, *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=120, check=False)


def visit(chromium: str, page: Path, screenshot: Path | None = None,
          size: tuple[int, int] = (1280, 2000)) -> Visit:
    url = page.resolve().as_uri()
    with tempfile.TemporaryDirectory(prefix="orchconv-chromium-") as profile:
        console: list[str] = []
        if screenshot is not None:
            shot = _run(chromium, profile, "--enable-logging=stderr", "--v=0",
                        f"--screenshot={screenshot}", f"--window-size={size[0]},{size[1]}", url)
            console += [line for line in shot.stderr.splitlines() if _CONSOLE.search(line)]
            if shot.returncode != 0 or not screenshot.is_file():
                raise AssertionError(f"chromium --screenshot failed: {shot.stderr[-2000:]}")
        dumped = _run(chromium, profile, "--enable-logging=stderr", "--v=0", "--dump-dom", url)
        console += [line for line in dumped.stderr.splitlines() if _CONSOLE.search(line)]
        if dumped.returncode != 0:
            raise AssertionError(f"chromium --dump-dom failed: {dumped.stderr[-2000:]}")
    return Visit(console, dumped.stdout)
