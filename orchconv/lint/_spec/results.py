"""What a lint run produces: each file's findings, and the run's report and exit code."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from orchconv.lint.builtin_rules import SyntaxRule
from orchconv.lint.context import FileKind
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rule import Rule


@dataclass
class FileResult:
    """The findings of one file, or why it was skipped."""

    path: str  # as displayed: relative to the working folder when inside it
    kind: FileKind | None
    findings: list[Finding] = field(default_factory=list)
    rules_run: tuple[str, ...] = ()  # the rules that checked this file (junit lists them)
    skipped: str | None = None  # why the file was not linted (unknown kind)
    text: str | None = None  # the text linted (after fixes, when fixed)
    original: str | None = None  # the text read, when fixes changed it

    @property
    def unparseable(self) -> bool:
        return any(f.rule == SyntaxRule.id for f in self.findings)


@dataclass
class LintReport:
    """The results of a whole run, with what the outputs need."""

    files: list[FileResult]
    # every known rule, for the outputs' metadata; a catalog imports a rule when looked up
    rules: Mapping[str, type[Rule]]
    fail_level: Level = Level.WARNING
    notices: list[str] = field(default_factory=list)  # run-level lines for stderr
    max_warnings: int | None = None  # --max-warnings: fail when there are more

    @property
    def findings(self) -> list[Finding]:
        return [f for result in self.files for f in result.findings]

    @property
    def unparseable(self) -> bool:
        return any(result.unparseable for result in self.files)

    def failed(self) -> bool:
        rank = self.fail_level.rank
        if any(f.level.rank >= rank for f in self.findings):
            return True
        if self.max_warnings is None:
            return False
        return sum(1 for f in self.findings if f.level is Level.WARNING) > self.max_warnings

    def exit_code(self) -> int:
        """0 clean, 1 findings at or above the fail level, 2 a file that could not be parsed."""
        if self.unparseable:
            return 2
        return 1 if self.failed() else 0
