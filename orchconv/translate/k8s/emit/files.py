"""Read access to a project's files for callers of the emitter (the CLI).

The emitter itself never opens a file: it asks the `FileAccess` it was
given.  This one reads the local disk, and refuses files that could not fit
in a ConfigMap or Secret anyway.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

MAX_FILE = 1 << 20  # an object over 1 MiB is refused by the API server


class LocalFiles:
    def read_file(self, path: str) -> bytes | None:
        file = Path(path)
        if not file.is_file() or file.stat().st_size > MAX_FILE:
            return None
        return file.read_bytes()

    def list_dir(self, path: str) -> Sequence[str] | None:
        folder = Path(path)
        if not folder.is_dir():
            return None
        return sorted(entry.name for entry in folder.iterdir() if entry.is_file())
