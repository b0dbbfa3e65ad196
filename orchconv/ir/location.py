"""Where a value came from: every IR value and every finding points back here."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Loc:
    """A 1-based position in a source file; line 0 means "the file as a whole"."""

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.file
        return f"{self.file}:{self.line}:{self.col}"


NOWHERE = Loc("<generated>")
