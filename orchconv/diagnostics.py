"""The one exit of diagnostics: standard error, masked with the run's secrets.

Everything orchconv writes to stderr is a diagnostic (errors, warnings, loss
lines, progress, --debug tracebacks), never an artifact, so the CLI wraps
`sys.stderr` once, before a command runs, and every writer (click.echo, print,
the interpreter's traceback printer) passes through `orchconv.redaction.mask`.
Lint reports and loss report files are masked where they are rendered.
"""

from __future__ import annotations

import sys
from typing import Any, TextIO, cast

import click

from orchconv.redaction import SecretRegistry, end_run, mask, start_run


class MaskingWriter:
    """A text stream that masks secret values, then writes to the stream it wraps.

    It has no `buffer`: click would write to the bytes beneath it, unmasked.
    """

    def __init__(self, stream: TextIO, registry: SecretRegistry | None = None) -> None:
        self._stream = stream
        # its own run's, so a traceback printed after the command ended is masked too
        self._mask = registry.mask if registry is not None else mask

    @property
    def wrapped(self) -> TextIO:
        return self._stream

    def write(self, text: str) -> int:
        # bytes raise TypeError, as a text stream's write does (click probes with b"")
        self._stream.write(self._mask(text) if isinstance(text, str) else text)
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def __getattr__(self, name: str) -> Any:
        if name == "buffer":
            raise AttributeError(name)
        return getattr(self._stream, name)


def masked(stream: TextIO) -> TextIO:
    """`stream` behind a MaskingWriter (once)."""
    if isinstance(stream, MaskingWriter):
        return stream
    return cast(TextIO, MaskingWriter(stream))


def start_diagnostics() -> None:
    """A fresh secret registry for this command, and stderr masked with it.

    The registry is the run's until the command's context closes (a test that
    runs several commands in one process gets a fresh one each time).
    """
    registry = start_run()
    stream = sys.stderr
    if isinstance(stream, MaskingWriter):
        stream = stream.wrapped
    sys.stderr = cast(TextIO, MaskingWriter(stream, registry))
    context = click.get_current_context(silent=True)
    if context is not None:
        context.call_on_close(end_run)
