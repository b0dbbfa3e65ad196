"""The lint engine's entry point: files in, findings out (`lint_paths`).

The work is split by job: which files (discovery), which rules (selection,
over the generated rule index in catalog), one file (linter, loading), fixes
(fixloop), results (results).  The names other code imports from here stay
importable from here.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from orchconv.lint.discovery import SKIPPED_FOLDERS, YAML_SUFFIXES, discover
from orchconv.lint.fixloop import MAX_FIX_PASSES, fix_result
from orchconv.lint.linter import Linter
from orchconv.lint.loading import (
    EMPTY_FILE,
    LOADER_ERROR_RULES,
    STDIN,
    STDIN_DISPLAY,
    display_path,
    load_project,
    parse,
)
from orchconv.lint.options import LintOptions, UsageError
from orchconv.lint.results import FileResult, LintReport
from orchconv.lint.selection import ActiveRule, Warn, resolve_rules

__all__ = [
    "EMPTY_FILE", "LOADER_ERROR_RULES", "MAX_FIX_PASSES", "SKIPPED_FOLDERS", "STDIN",
    "STDIN_DISPLAY", "YAML_SUFFIXES", "ActiveRule", "FileResult", "LintOptions", "LintReport",
    "Linter", "UsageError", "Warn", "discover", "display_path", "fix_result", "lint_paths",
    "load_project", "parse", "resolve_rules",
]


def lint_paths(paths: Sequence[Path], options: LintOptions | None = None, *,
               fix: bool = False, findings: bool = True) -> LintReport:
    """Lint files and folders; with `fix`, compute each file's fixed text (not written).
    Without `findings` (--diff shows only the fixed text) a file's findings are those of
    the fixable rules alone: the others cannot change the text, and skipping them (and
    the compose loader they need) is what keeps --diff about as fast as plain lint."""
    linter = Linter(options)
    only = linter.fixable_rules() if fix and not findings else None
    results: list[FileResult] = []
    for path in discover(paths or [Path(".")], linter):
        result = linter.lint_path(path, only)
        if fix and result.text is not None and result.kind is not None:
            result = fix_result(linter, path, result, findings=findings)
        results.append(result)
    results.extend(linter.lint_chart(chart) for chart in linter.charts)
    fail_level = linter.fail_level(linter.config_for(None))
    return LintReport(results, linter.rules, fail_level, linter.notices.lines)
