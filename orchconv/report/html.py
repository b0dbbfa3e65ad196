"""`report --format html`: one page, no network needed (styles inline, the picture inline),
rendered with jinja2 and autoescape on; the finished page passes the run's mask once more."""

from __future__ import annotations

import os
import re
from pathlib import Path

from orchconv.redaction import mask
from orchconv.report.data import ReportData

_SVG_START = re.compile(r"<svg\b")


def inline_svg(svg: str) -> str:
    """The <svg> element alone: no XML declaration or DOCTYPE inside an HTML page."""
    match = _SVG_START.search(svg)
    return svg[match.start():].strip() if match else ""


def link(file: str, line: int, base: Path) -> str:
    """A link to a source line, relative to the folder the page is written to."""
    target = os.path.relpath(os.path.abspath(file), os.path.abspath(base))
    return f"{Path(target).as_posix()}#L{line}" if line > 0 else Path(target).as_posix()


def write_html(data: ReportData, base: Path | None = None) -> str:
    """The page; links to source lines are relative to `base` (default: the working folder)."""
    from jinja2 import Environment, PackageLoader
    from markupsafe import Markup

    environment = Environment(loader=PackageLoader("orchconv.report", "templates"),
                              autoescape=True, trim_blocks=True, lstrip_blocks=True,
                              keep_trailing_newline=True)
    where = base or Path(".")
    environment.filters["link"] = lambda row: link(row.file, row.line, where)
    template = environment.get_template("report.html.j2")
    svg = Markup(inline_svg(data.svg)) if data.svg else None  # dot escaped its text
    return mask(template.render(data=data, svg=svg))
