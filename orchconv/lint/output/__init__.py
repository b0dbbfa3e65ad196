"""Report formats: one module per format, each with `render(report, color=...) -> str`.

A module is imported only when its format is asked for.  Every report is a
diagnostic: `render` masks the run's secret values in it, whatever the format
(and whether it goes to stdout or to a file).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from orchconv.lint.engine import LintReport

FORMATS = ("text", "json", "sarif", "github", "junit", "codeclimate")


def render(report: LintReport, fmt: str, *, color: bool = False) -> str:
    """The report in format `fmt` (one of FORMATS)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    module = importlib.import_module(f"{__name__}.{fmt}")
    text: str = module.render(report, color=color)
    from orchconv.redaction import mask

    return mask(text)


def position(line: int, col: int) -> tuple[int, int]:
    """A 1-based line and column for formats that need one ("the whole file" is 1:1)."""
    return max(line, 1), max(col, 1)
