"""Which host files orchconv may embed in an output, and reading them safely.

A secret, a config, an env file or a bind-mounted tree is copied into the
manifests orchconv writes, so a path in a compose file decides what leaves
the machine.  Only a file that resolves, after symlinks, inside the project
directory or a folder the user named with --allow-read is embedded.  Kernel
and device trees, sockets, FIFOs and devices are refused even there: their
contents are process state, not project files, and reading some never ends.

Errors raised here carry no location: the caller knows the key that named
the file and adds it (see `located`).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from orchconv.errors import InputError
from orchconv.location import Loc
from orchconv.source.files import os_error_reason

ALLOW_OPTION = "--allow-read"
NEVER_READ = ("/proc", "/sys", "/dev")


class ReadBoundary:
    """The project directory and the --allow-read folders; `anywhere` when the
    output is thrown away (lint), so only the never-read kinds are refused."""

    __slots__ = ("allowed", "anywhere", "project")

    def __init__(self, project: Path | None = None, allowed: tuple[Path, ...] = (),
                 anywhere: bool = False) -> None:
        self.project = project
        self.allowed = allowed
        self.anywhere = anywhere

    @classmethod
    def around(cls, project_dir: Path | str | None, allowed: Iterable[Path | str] = ()
               ) -> ReadBoundary:
        project = Path(os.path.realpath(project_dir)) if project_dir is not None else None
        return cls(project, tuple(Path(os.path.realpath(f)) for f in allowed))

    def inside(self, real: Path) -> bool:
        roots = (self.project, *self.allowed) if self.project else self.allowed
        return self.anywhere or any(real.is_relative_to(root) for root in roots)

    def admit(self, path: str | Path, folder: bool = False) -> Path | None:
        """The real path of `path` if it may be embedded; None when it does not exist.

        A refused path raises an unlocated InputError naming the path; a path outside
        is refused whether or not it exists, so the answer does not depend on the host.
        """
        real = Path(os.path.realpath(path))
        if any(real.is_relative_to(top) for top in NEVER_READ):
            raise InputError(f"{path} is under {_top(real)}: orchconv never embeds files "
                             "from /proc, /sys or /dev")
        if not self.inside(real):
            raise InputError(self._outside(path, real, real if folder else real.parent))
        try:
            mode = real.stat().st_mode
        except FileNotFoundError:
            return None
        except OSError as error:
            raise InputError(f"{path}: {os_error_reason(error)}") from None
        _check_kind(path, mode, folder)
        return real

    def admit_all(self, paths: Iterable[tuple[str, Loc]]) -> None:
        """Check files whose contents are already loaded before they are embedded."""
        for path, loc in paths:
            with located(loc):
                self.admit(path)

    def _outside(self, path: str | Path, real: Path, widen: Path) -> str:
        shown = str(path) if str(path) == str(real) else f"{path} (resolving to {real})"
        where = f"the project directory {self.project}" if self.project else "the project"
        return (f"{shown} is outside {where}: its contents would be embedded in the output;"
                f" pass {ALLOW_OPTION} {widen} to allow it")


def read_regular(real: Path, limit: int) -> bytes | None:
    """At most `limit` bytes of an admitted file; None when it is larger.

    Opened without blocking and checked again once open, so a file swapped for
    a FIFO or device after `admit` is refused rather than read.
    """
    try:
        handle = os.open(real, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        raise InputError(f"{real}: {os_error_reason(error)}") from None
    try:
        _check_kind(real, os.fstat(handle).st_mode, folder=False)
        with os.fdopen(handle, "rb", closefd=False) as stream:
            data = stream.read(limit + 1)
    except OSError as error:
        raise InputError(f"{real}: {os_error_reason(error)}") from None
    finally:
        os.close(handle)
    return data if len(data) <= limit else None


@contextmanager
def located(loc: Loc) -> Iterator[None]:
    """Give an unlocated InputError raised in the block the location of the key."""
    try:
        yield
    except InputError as error:
        if error.loc is not None:
            raise
        raise InputError(error.message, loc) from None


def _check_kind(path: str | Path, mode: int, folder: bool) -> None:
    if stat.S_ISREG(mode) or (folder and stat.S_ISDIR(mode)):
        return
    if stat.S_ISDIR(mode):
        raise InputError(f"{path} is a directory, not a file")
    kind = ("a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a file")
    raise InputError(f"{path} is {kind}: orchconv embeds only regular files")


def _top(real: Path) -> str:
    return next(top for top in NEVER_READ if real.is_relative_to(top))
