"""Read access to a project's files for callers of the emitter (the CLI).

The emitter itself never opens a file: it asks the `FileAccess` it was
given.  This one reads the local disk, only inside the read boundary (see
orchconv.source.boundary), and returns None for files that could not fit in
a ConfigMap or Secret anyway.  A refused or unreadable file raises an
unlocated InputError; the emitter adds the location of the key naming it.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence

from orchconv.errors import InputError
from orchconv.source.boundary import ReadBoundary, read_regular
from orchconv.source.files import os_error_reason

MAX_FILE = 1 << 20  # an object over 1 MiB is refused by the API server


class LocalFiles:
    def __init__(self, boundary: ReadBoundary) -> None:
        self.boundary = boundary

    def read_file(self, path: str) -> bytes | None:
        real = self.boundary.admit(path)
        return None if real is None else read_regular(real, MAX_FILE)

    def list_dir(self, path: str) -> Sequence[str] | None:
        """Every entry but folders: a link or special file is refused when read, not skipped."""
        real = self.boundary.admit(path, folder=True)
        if real is None or not real.is_dir():
            return None
        try:
            return sorted(entry.name for entry in real.iterdir() if not entry.is_dir())
        except OSError as error:
            raise InputError(f"{path}: {os_error_reason(error)}") from None

    def kind(self, path: str) -> str | None:
        """What is at `path` (after links), without reading it: no boundary applies."""
        try:
            mode = os.stat(path).st_mode
        except FileNotFoundError:
            return None
        except OSError as error:
            raise InputError(f"{path}: {os_error_reason(error)}") from None
        return "folder" if stat.S_ISDIR(mode) else "file" if stat.S_ISREG(mode) else "other"

    def subfolders(self, path: str) -> Sequence[str]:
        real = self.boundary.admit(path, folder=True)
        if real is None or not real.is_dir():
            return ()
        try:
            return sorted(entry.name for entry in real.iterdir() if entry.is_dir())
        except OSError as error:
            raise InputError(f"{path}: {os_error_reason(error)}") from None
