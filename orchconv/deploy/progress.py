"""Show what a wait is waiting for: redrawn in place on a terminal, logged otherwise."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TextIO


@dataclass(frozen=True, slots=True)
class UnitStatus:
    """One thing a wait watches: a service, a Deployment, a Job..."""

    name: str
    state: str  # short human text: "2/2 running", "Complete", "waiting for endpoints"
    ready: bool
    failure: str | None = None  # set when the unit can no longer become ready


class Progress(Protocol):
    def show(self, statuses: Sequence[UnitStatus]) -> None:
        """Called after every poll with the state of every unit."""

    def close(self) -> None:
        """Called once when the wait ends, whatever the outcome."""


class SilentProgress:
    def show(self, statuses: Sequence[UnitStatus]) -> None:
        pass

    def close(self) -> None:
        pass


def _line(status: UnitStatus) -> str:
    mark = "ok" if status.ready else ("!!" if status.failure else "..")
    detail = status.failure or status.state
    return f"[{mark}] {status.name}: {detail}"


class LogProgress:
    """One line each time a unit's state changes: readable in CI logs."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._last: dict[str, str] = {}

    def show(self, statuses: Sequence[UnitStatus]) -> None:
        for status in statuses:
            line = _line(status)
            if self._last.get(status.name) != line:
                self._last[status.name] = line
                self._stream.write(line + "\n")
        self._stream.flush()

    def close(self) -> None:
        pass


class TerminalProgress:
    """A block of lines redrawn in place with ANSI cursor movement."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._drawn = 0

    def show(self, statuses: Sequence[UnitStatus]) -> None:
        lines = [_line(s) for s in statuses]
        text = ""
        if self._drawn:
            text += f"\x1b[{self._drawn}F"  # back to the first line of the block
        text += "".join(f"\x1b[2K{line}\n" for line in lines)
        if len(lines) < self._drawn:  # clear what a longer, earlier block left below
            text += "\x1b[2K\n" * (self._drawn - len(lines))
            text += f"\x1b[{self._drawn - len(lines)}F"
        self._stream.write(text)
        self._stream.flush()
        self._drawn = len(lines)

    def close(self) -> None:
        self._drawn = 0


def progress_for(stream: TextIO | None = None) -> Progress:
    """Live redraw on a terminal, change log elsewhere; secret values masked in both."""
    from orchconv.diagnostics import masked

    out = masked(stream if stream is not None else sys.stderr)
    if out.isatty():
        return TerminalProgress(out)
    return LogProgress(out)
