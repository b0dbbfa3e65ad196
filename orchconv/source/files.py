"""Read input files defensively: size limit, binary content, encoding."""

from __future__ import annotations

import os
from pathlib import Path

from orchconv.errors import InputError
from orchconv.location import Loc

DEFAULT_MAX_BYTES = 32 * 1024 * 1024  # measured to fit 60 s and 2 GB: docs/performance.md
MAX_BYTES_ENV = "ORCHCONV_MAX_FILE_SIZE"


def max_file_bytes() -> int:
    raw = os.environ.get(MAX_BYTES_ENV)
    if not raw:
        return DEFAULT_MAX_BYTES
    try:
        return max(1, int(raw))
    except ValueError:
        raise InputError(f"{MAX_BYTES_ENV} must be a number of bytes, not {raw!r}") from None


def read_text(path: str | Path, display: str | None = None) -> str:
    """The file's text, or a located InputError that says why it cannot be used."""
    name = display or str(path)
    limit = max_file_bytes()
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise InputError(os_error_reason(error), Loc(name)) from None
    if len(data) > limit:
        raise InputError(f"file is larger than the {limit}-byte limit ({MAX_BYTES_ENV})", Loc(name))
    return decode_text(data, name)


def os_error_reason(error: OSError) -> str:
    """Why a file could not be read, in a few words (never the OS's traceback)."""
    if isinstance(error, FileNotFoundError):
        return "no such file"
    if isinstance(error, IsADirectoryError):
        return "is a directory, not a file"
    if isinstance(error, PermissionError):
        return "permission denied"
    return f"cannot read: {error.strerror or type(error).__name__}"


def decode_text(data: bytes, name: str) -> str:
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError("binary file (contains NUL bytes)", _byte_loc(data, nul, name))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError("not UTF-8 text", _byte_loc(data, error.start, name)) from None


def _byte_loc(data: bytes, offset: int, name: str) -> Loc:
    line = data.count(b"\n", 0, offset) + 1
    col = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return Loc(name, line, col)
