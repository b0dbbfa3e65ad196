"""GitHub Actions workflow commands: `::error file=F,line=L,col=C,title=RULE::message`.

GitHub turns them into annotations on the pull request's diff.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from orchconv.lint.finding import Level
from orchconv.lint.output import position

if TYPE_CHECKING:
    from orchconv.lint.engine import LintReport

COMMANDS = {Level.ERROR: "error", Level.WARNING: "warning", Level.INFO: "notice"}


def escape_data(text: str) -> str:
    """The message part: `%`, CR and LF are escaped (as @actions/core does)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value: also `:` and `,`, which separate the properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: LintReport, *, color: bool = False) -> str:
    lines: list[str] = []
    for finding in report.findings:
        line, col = position(finding.loc.line, finding.loc.col)
        properties = [f"file={escape_property(finding.loc.file)}", f"line={line}", f"col={col}"]
        if finding.end is not None and finding.end.line > 0:
            properties += [f"endLine={finding.end.line}", f"endColumn={max(finding.end.col, 1)}"]
        properties.append(f"title={escape_property(finding.rule)}")
        message = f"{finding.message} [{finding.rule}]"
        lines.append(f"::{COMMANDS[finding.level]} {','.join(properties)}::{escape_data(message)}")
    return "".join(f"{line}\n" for line in lines)
