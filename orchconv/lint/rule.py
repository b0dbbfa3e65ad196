"""The shape of a lint rule: one module per rule under orchconv/lint/rules/.

A rule module defines a subclass of `Rule`.  Its docstring is its documentation
(docs/rules.md is generated from it) and must have the sections: what it does,
why it matters, an example, and the fix.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from orchconv.lint.context import FileKind, LintContext
from orchconv.lint.finding import Finding, Fix, Level
from orchconv.location import Loc


class Rule:
    id: ClassVar[str]
    kinds: ClassVar[frozenset[FileKind]]
    level: ClassVar[Level] = Level.WARNING
    category: ClassVar[str]  # topology | portability | security | correctness | style | schema
    fixable: ClassVar[bool] = False
    enabled_by_default: ClassVar[bool] = True
    options: ClassVar[Mapping[str, Any]] = {}  # option name -> default
    def wants_project(self, context: LintContext) -> bool:
        """Whether check() reads context.project for this file; the engine loads the IR
        (the slow part) only when an active rule wants it."""
        return False

    def check(self, context: LintContext) -> Iterator[Finding]:
        raise NotImplementedError

    def finding(self, context: LintContext, message: str, loc: Loc | None,
                fix: Fix | None = None, level: Level | None = None) -> Finding:
        return Finding(self.id, level or self.level, message, loc or Loc(context.path, 1, 1),
                       fix=fix)
