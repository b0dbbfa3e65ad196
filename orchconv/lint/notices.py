"""Run-level messages that are not findings: printed on stderr, one line each.

A rule id the configuration, the command line or a suppression comment names
but no rule has is a warning there (with a did-you-mean), not a finding of
the linted file; a skipped Helm chart is an info line.  Each line is printed
once however many files share the configuration that caused it.
"""

from __future__ import annotations

from collections.abc import Iterable

from orchconv.location import Loc


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """`; did you mean 'x'?` for the closest known name, or nothing."""
    import difflib  # only for a misspelt name: a clean run never pays for it

    close = difflib.get_close_matches(name, sorted(known), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


class Notices:
    """The lines collected during a run, in order, without repeats."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._seen: set[str] = set()

    def add(self, level: str, message: str, loc: Loc | None = None) -> None:
        where = f"{loc}: " if loc is not None else ""
        line = f"{where}{level}: {message}"
        if line not in self._seen:
            self._seen.add(line)
            self.lines.append(line)

    def warn(self, message: str, loc: Loc | None = None) -> None:
        self.add("warning", message, loc)

    def info(self, message: str, loc: Loc | None = None) -> None:
        self.add("info", message, loc)
