"""SVG and PNG through Graphviz's `dot`: the only part of `orchconv graph` with a dependency
outside Python, reported in one line naming the package when it is absent."""

from __future__ import annotations

import shutil
import subprocess

from orchconv.errors import OrchconvError

MISSING = ("Graphviz's `dot` is not installed: install the `graphviz` package"
           " (Debian/Ubuntu: apt-get install graphviz) or use --format dot|mermaid")


class GraphvizError(OrchconvError):
    """`dot` is missing or failed (exit 2: nothing was written)."""


def find_dot() -> str | None:
    return shutil.which("dot")


def render(dot_text: str, fmt: str) -> bytes:
    """The picture in `fmt` (svg or png) drawn by `dot` from DOT text."""
    dot = find_dot()
    if dot is None:
        raise GraphvizError(MISSING)
    done = subprocess.run([dot, f"-T{fmt}"], input=dot_text.encode("utf-8"),
                          capture_output=True, check=False, timeout=600)
    if done.returncode != 0:
        first = (done.stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"])[0]
        raise GraphvizError(f"dot -T{fmt} failed: {first}")
    return done.stdout
