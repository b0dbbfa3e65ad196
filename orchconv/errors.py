"""The errors orchconv reports to users: always one line, always located."""

from __future__ import annotations

from orchconv.location import Loc


class OrchconvError(Exception):
    """Base class: a message plus the place in the user's input it is about."""

    exit_code = 2

    def __init__(self, message: str, loc: Loc | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.loc = loc

    def __str__(self) -> str:
        one_line = " ".join(self.message.split())
        return f"{self.loc}: {one_line}" if self.loc else one_line


class InputError(OrchconvError):
    """The input cannot be read or is not what the format allows (exit 2)."""


class ValidationError(InputError):
    """The input parsed but breaks the format's schema or consistency rules."""


class ValidationErrors(ValidationError):
    """Several problems found in one pass, printed one located line each.

    `message` holds one line per problem, so that whatever masks a message
    masks them all; `locs` holds the position of each line (`loc` is the first).
    """

    def __init__(self, message: str, loc: Loc | None = None,
                 locs: tuple[Loc | None, ...] = ()) -> None:
        super().__init__(message, loc)
        self.locs = locs or (loc,)

    def lines(self) -> list[tuple[Loc | None, str]]:
        """Each problem's position and one-line message, in order."""
        texts = self.message.split("\n")
        locs = (*self.locs, *(None,) * (len(texts) - len(self.locs)))
        return [(where, " ".join(text.split())) for where, text in zip(locs, texts, strict=False)]

    def __str__(self) -> str:
        return "\n".join(f"{where}: {text}" if where else f"error: {text}"
                         for where, text in self.lines())


class ConversionError(OrchconvError):
    """A conversion could not be completed (exit 1)."""

    exit_code = 1
