"""Write outputs atomically: a reader never sees half a file.

An output that holds secret material (a Secret manifest, a `.env` of secret
values) is written `private`: the file is 0600 from its first byte to the
rename, and a folder made for it is 0700.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from orchconv.errors import InputError
from orchconv.location import Loc

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


def _copy_mode(existing: Path, temporary: str) -> None:
    """Keep an overwritten file's mode; a new file gets the usual 0666 & ~umask."""
    try:
        mode = existing.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(temporary, mode)


def make_folder(folder: Path, private: bool = False) -> None:
    """Create `folder` and its missing parents; the ones made for a private file are 0700.

    `mkdir -p` semantics: an existing folder keeps its mode.
    """
    if not private:
        folder.mkdir(parents=True, exist_ok=True)
        return
    missing: list[Path] = []
    current = folder
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    for made in reversed(missing):
        try:
            made.mkdir(mode=PRIVATE_FOLDER)
        except FileExistsError:
            continue  # made meanwhile by someone else: theirs, leave its mode


def write_atomic(path: Path, text: str | Iterable[str], private: bool = False) -> None:
    """Write `text` (or its pieces, in order) to `path` through a temporary file and a rename.

    `private`: the file holds secret material, so it is 0600 whatever mode a file it
    replaces had (mkstemp creates it 0600, and it is never widened).
    """
    import tempfile  # not needed by the commands that write to stdout

    folder = path.parent if str(path.parent) else Path(".")
    try:
        make_folder(folder, private)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    except OSError as error:
        raise InputError(f"cannot write: {error.strerror}", Loc(str(path))) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.writelines([text] if isinstance(text, str) else text)
        if private:
            os.chmod(temporary, PRIVATE_FILE)
        else:
            _copy_mode(path, temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
