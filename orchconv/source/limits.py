"""How big an input may be, and what orchconv says when one is too big for the machine.

The limit itself is `source.files.DEFAULT_MAX_BYTES` (docs/performance.md says
how it was measured); files are refused by `read_text` before they are parsed,
standard input here.
"""

from __future__ import annotations

import sys
from typing import NoReturn

from orchconv.errors import InputError
from orchconv.location import Loc
from orchconv.source.files import MAX_BYTES_ENV, max_file_bytes

STDIN_DISPLAY = "<stdin>"


def read_stdin() -> str:
    """Standard input's text, refused past the size limit without reading the rest."""
    limit = max_file_bytes()
    text = sys.stdin.read(limit + 1)  # characters: never more than the bytes they came from
    if len(text) > limit:
        raise InputError(f"input is larger than the {limit}-byte limit ({MAX_BYTES_ENV})",
                         Loc(STDIN_DISPLAY))
    return text


def out_of_memory_message() -> str:
    """One line for a MemoryError: what ran out, and the size orchconv is measured for."""
    limit = max_file_bytes()
    return (f"error: out of memory: the input needs more memory than this machine gives"
            f" (inputs up to {limit // (1024 * 1024)} MiB are measured to fit in 2 GB)")


def exit_out_of_memory(error: MemoryError) -> NoReturn:
    """Say so in one line and exit 2, as for any input orchconv cannot take."""
    error.__traceback__ = None  # let go of the frames that hold the large values first
    sys.stderr.write(out_of_memory_message() + "\n")
    sys.exit(InputError.exit_code)
