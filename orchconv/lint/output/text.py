"""`file:line:col: level rule-id message`, one finding a line, then a summary line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from orchconv.lint.finding import Level
from orchconv.lint.output import position

if TYPE_CHECKING:
    from orchconv.lint.engine import LintReport

# ANSI SGR codes: bold, dim, and one colour per level
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"
_LEVEL_COLOURS = {Level.ERROR: "\x1b[31m", Level.WARNING: "\x1b[33m", Level.INFO: "\x1b[36m"}


def _plural(count: int, word: str) -> str:
    if word == "info":
        return f"{count} info"
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary(report: LintReport) -> str:
    findings = report.findings
    if not findings:
        return ""
    counts = {level: sum(1 for f in findings if f.level is level) for level in Level}
    parts = [_plural(counts[level], level.value)
             for level in (Level.ERROR, Level.WARNING, Level.INFO) if counts[level]]
    line = f"{_plural(len(findings), 'problem')} ({', '.join(parts)})"
    fixable = sum(1 for f in findings if f.fix is not None)
    if fixable:
        line += f"; {fixable} fixable with --fix"
    return line


def render(report: LintReport, *, color: bool = False) -> str:
    lines: list[str] = []
    for finding in report.findings:
        line, col = position(finding.loc.line, finding.loc.col)
        where = f"{finding.loc.file}:{line}:{col}:"
        level, rule = finding.level.value, finding.rule
        if color:
            where = f"{_BOLD}{where}{_RESET}"
            level = f"{_LEVEL_COLOURS[finding.level]}{level}{_RESET}"
            rule = f"{_DIM}{rule}{_RESET}"
        lines.append(f"{where} {level} {rule} {finding.message}")
    tail = summary(report)
    if tail:
        lines.append(tail)
    return "".join(f"{line}\n" for line in lines)
