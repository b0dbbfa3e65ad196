"""Write the pictures docs/report.md shows, for the seed's WordPress project:

    docs/img/report-wordpress.html   the page `orchconv report --to k8s` writes
    docs/img/report-wordpress.png    a headless Chromium screenshot of it
    docs/img/graph-wordpress.dot     `orchconv graph` (DOT)
    docs/img/graph-wordpress.svg     the same drawn by Graphviz's `dot`

    python scripts/gen_report_screenshot.py          # (re)write them (needs chromium, dot)
    python scripts/gen_report_screenshot.py --check  # exit 1 when the sources are stale

The check compares the sources the pictures are made from (the page and the DOT text), not
PNG or SVG bytes, which vary with the Chromium, Graphviz and font versions.  The page's
inline SVG is left out of the comparison for the same reason.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

IMG = ROOT / "docs" / "img"
PAGE = IMG / "report-wordpress.html"
SHOT = IMG / "report-wordpress.png"
DOT = IMG / "graph-wordpress.dot"
SVG = IMG / "graph-wordpress.svg"
SOURCE = "examples/wordpress/docker-compose.yml"
SIZE = (1280, 2200)
_GRAPH = re.compile(r"<!-- graph -->.*?<!-- /graph -->", re.DOTALL)


def _orchconv(*args: str) -> str:
    """`orchconv ARGS` from the repository root; stdout with the checkout's path removed."""
    from click.testing import CliRunner

    from orchconv.cli import main

    here = os.getcwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(main, list(args))
    finally:
        os.chdir(here)
    if result.exit_code != 0:
        raise SystemExit(f"orchconv {' '.join(args)} failed: {result.stderr}")
    return result.stdout.replace(f"{ROOT}{os.sep}", "")


def page_text() -> str:
    # written beside the screenshot, so its links are relative to docs/img/
    target = IMG / ".report-wordpress.tmp.html"
    try:
        _orchconv("report", "-f", SOURCE, "--to", "k8s", "-o", str(target))
        return target.read_text().replace(f"{ROOT}{os.sep}", "")
    finally:
        target.unlink(missing_ok=True)


def comparable(page: str) -> str:
    return _GRAPH.sub("<!-- graph (not compared) -->", page)


def check() -> int:
    stale = []
    if not PAGE.is_file() or comparable(PAGE.read_text()) != comparable(page_text()):
        stale.append(str(PAGE.relative_to(ROOT)))
    if not DOT.is_file() or DOT.read_text() != _orchconv("graph", "-f", SOURCE):
        stale.append(str(DOT.relative_to(ROOT)))
    missing = [str(p.relative_to(ROOT)) for p in (SHOT, SVG) if not p.is_file()]
    if stale or missing:
        print(f"stale: {', '.join(stale + missing)}; run python scripts/gen_report_screenshot.py",
              file=sys.stderr)
        return 1
    return 0


def write() -> int:
    import shutil

    chromium = shutil.which("chromium")
    if chromium is None or shutil.which("dot") is None:
        print("needs chromium and graphviz: scripts/peers/install-report-peers.sh",
              file=sys.stderr)
        return 2
    from tests.report.browser import visit

    IMG.mkdir(parents=True, exist_ok=True)
    PAGE.write_text(page_text())
    dot_text = _orchconv("graph", "-f", SOURCE)
    DOT.write_text(dot_text)
    SVG.write_text(subprocess.run(["dot", "-Tsvg"], input=dot_text, capture_output=True,
                                  text=True, check=True).stdout)
    seen = visit(chromium, PAGE, SHOT, SIZE)
    if seen.console:
        print("\n".join(seen.console), file=sys.stderr)
        return 1
    for path in (PAGE, SHOT, DOT, SVG):
        print(path.relative_to(ROOT))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when stale")
    return check() if parser.parse_args().check else write()


if __name__ == "__main__":
    raise SystemExit(main())
