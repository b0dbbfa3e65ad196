"""Running one rule on a YAML text, without the engine, and applying its fixes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from orchconv.lint.context import FileKind, LintContext
from orchconv.lint.engine import parse
from orchconv.lint.finding import Finding
from orchconv.lint.fix import apply_fixes
from orchconv.lint.rule import Rule

FILE = "compose.yaml"


def run(rule: type[Rule], text: str, *, kind: FileKind = FileKind.COMPOSE,
        target: str | None = None, options: Mapping[str, Any] | None = None) -> list[Finding]:
    """The rule's findings for `text`, with its default options overridden by `options`."""
    context = LintContext(FILE, kind, text, parse(text, FILE), target=target,
                          options={**rule.options, **(options or {})})
    return list(rule().check(context))


def swarm(rule: type[Rule], text: str, **options: Any) -> list[Finding]:
    """The findings for `text` as a stack file."""
    return run(rule, text, kind=FileKind.STACK, options=options)


def where(findings: list[Finding]) -> list[tuple[int, int]]:
    return [(f.loc.line, f.loc.col) for f in findings]


def fixed(text: str, findings: list[Finding]) -> str:
    """`text` with the fixes of `findings` applied."""
    fixes = [f.fix for f in findings if f.fix is not None]
    assert fixes, "no finding carries a fix"
    return apply_fixes(text, fixes)
