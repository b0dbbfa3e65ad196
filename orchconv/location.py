"""Where a value came from: every IR value and every finding points back here."""

from __future__ import annotations

from typing import NamedTuple


class Loc(NamedTuple):
    """A 1-based position in a source file; line 0 means "the file as a whole".

    A named tuple, not a dataclass: the reader makes one per YAML node, and
    tuples are several times cheaper to create.
    """

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.file
        return f"{self.file}:{self.line}:{self.col}"


NOWHERE = Loc("<generated>")
