"""--fix and --diff: apply a file's fixes and re-lint, until nothing more changes."""

from __future__ import annotations

from pathlib import Path

from orchconv.lint.builtin_rules import InternalErrorRule
from orchconv.lint.finding import Finding, Level
from orchconv.lint.linter import Linter
from orchconv.lint.loading import STDIN
from orchconv.lint.results import FileResult
from orchconv.location import Loc

MAX_FIX_PASSES = 10


def fix_result(linter: Linter, path: Path, result: FileResult, *,
               findings: bool = True) -> FileResult:
    """Apply the fixes of a file's findings, re-linting until nothing more changes.

    Between passes only the fixable rules run: only they make fixes.  With
    `findings`, the fixed text is then linted in full for the findings left."""
    from orchconv.lint.fix import apply_fixes  # ruamel.yaml: only when something is fixed

    original = text = result.text or ""
    physical = None if str(path) == STDIN else path
    fixable = linter.fixable_rules()
    failures: list[Finding] = []
    for _ in range(MAX_FIX_PASSES):
        fixes = [f.fix for f in result.findings if f.fix is not None]
        if not fixes:
            break
        try:
            fixed = apply_fixes(text, fixes)
        except Exception as error:  # ruamel.yaml refusing what our reader took is our bug
            if linter.options.debug:
                raise
            failures.append(_fix_failure(result.path, f"{type(error).__name__}: {error}"))
            break
        if fixed == text:
            break
        refixed = linter.lint_text(physical, fixed, result.path, fixable)
        if refixed.unparseable:  # never write a file a fix broke
            failures.append(_fix_failure(result.path, "the result would not parse"))
            break
        text, result = fixed, refixed
    if text != original:
        if findings:
            result = linter.lint_text(physical, text, result.path)
        result.original = original
    result.findings.extend(failures)
    return result


def _fix_failure(display: str, why: str) -> Finding:
    message = f"fixes not applied: {' '.join(why.split())[:200]}"
    return Finding(InternalErrorRule.id, Level.ERROR, message, Loc(display, 1, 1))
