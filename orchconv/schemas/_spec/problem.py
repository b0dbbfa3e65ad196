"""One way a document breaks a schema."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from orchconv.schemas.paths import PathPart, format_path


@dataclass(frozen=True, slots=True)
class SchemaProblem:
    """One way a document breaks a schema, at the path of the offending value.

    `message` is the generic wording; the other fields let a caller say the same
    in its format's words: the schema keyword broken (`rule`), what it allows
    (`expected`: type names, enum values, known keys or required keys), the kind
    of value found (`found`: a JSON type name), and whether the problem is the
    key itself rather than its value (`on_key`: unknown keys, invalid names).
    """

    path: tuple[PathPart, ...]
    message: str
    rule: str = field(default="", compare=False)
    expected: tuple[Any, ...] = field(default=(), compare=False)
    found: str = field(default="", compare=False)
    on_key: bool = field(default=False, compare=False)

    def __str__(self) -> str:
        where = format_path(self.path)
        return f"{where}: {self.message}" if where else self.message
