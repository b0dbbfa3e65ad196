"""What a rule reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from orchconv.location import Loc


class Level(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


@dataclass(frozen=True, slots=True)
class Fix:
    """A change to the source tree that resolves a finding.

    `path` addresses the value in the document (keys and list indexes);
    `apply` names an edit the fixer knows (e.g. "move-restart-to-deploy", see
    orchconv.lint.fix.EDITS); `document` is the index of the YAML document in
    a multi-document file.
    """

    description: str
    path: tuple[str | int, ...]
    apply: str
    arguments: tuple[tuple[str, str], ...] = ()
    document: int = 0


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem a rule found, where, and the fix when it has one."""

    rule: str
    level: Level
    message: str
    loc: Loc
    end: Loc | None = None
    fix: Fix | None = field(default=None, compare=False)
