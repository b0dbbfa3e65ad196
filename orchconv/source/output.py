"""Write outputs atomically: a reader never sees half a file."""

from __future__ import annotations

import os
from pathlib import Path

from orchconv.errors import InputError
from orchconv.ir.location import Loc


def _copy_mode(existing: Path, temporary: str) -> None:
    """Keep an overwritten file's mode; a new file gets the usual 0666 & ~umask."""
    try:
        mode = existing.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(temporary, mode)


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file and a rename."""
    import tempfile  # not needed by the commands that write to stdout

    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    except OSError as error:
        raise InputError(f"cannot write: {error.strerror}", Loc(str(path))) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        _copy_mode(path, temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
