"""`-o DIR`: write a folder all at once, and replace only what orchconv wrote there before.

The new contents are staged in a hidden folder beside DIR (same parent, so one filesystem)
and swapped in by one rename: a run killed half-way leaves the previous DIR as it was.
DIR/.orchconv-manifest lists the files orchconv wrote with their SHA-256, so a re-run
removes the ones it no longer writes, keeps every file the user added, and refuses to
overwrite a file orchconv did not write, or one edited since, without --force.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from orchconv.errors import InputError
from orchconv.location import Loc
from orchconv.source.output import PRIVATE_FOLDER, write_atomic

MANIFEST_NAME = ".orchconv-manifest"
_MANIFEST_HEADER = ("# Files orchconv wrote in this folder, with their SHA-256 (sha256sum format);"
                    " a re-run replaces or removes only these.\n")


# a NamedTuple: a frozen dataclass would compile its methods at every start
class OutFile(NamedTuple):
    """One file of the folder: its name in the folder and its text."""

    name: str
    text: str
    private: bool = False  # holds secret material: 0600, and a new folder gets 0700


def _digest(data: bytes) -> str:
    import hashlib  # only for -o DIR, not for the conversions that print

    return hashlib.sha256(data).hexdigest()


def _read_manifest(folder: Path) -> dict[str, str]:
    """name -> SHA-256 of the files a previous run wrote; nothing if there is no manifest."""
    try:
        text = (folder / MANIFEST_NAME).read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):
        return {}
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read orchconv's manifest: {error}",
                         Loc(str(folder / MANIFEST_NAME))) from None
    written: dict[str, str] = {}
    for line in text.splitlines():
        digest, _, name = line.partition("  ")
        if line.startswith("#") or not name:
            continue
        written[name] = digest
    return written


def _manifest_text(files: list[OutFile]) -> str:
    lines = [f"{_digest(f.text.encode('utf-8'))}  {f.name}\n" for f in files]
    return _MANIFEST_HEADER + "".join(sorted(lines, key=lambda line: line.split("  ", 1)[1]))


def _unchanged(path: Path, digest: str | None) -> bool:
    """The file is as orchconv last wrote it (a symlink never is: orchconv writes none)."""
    if digest is None or path.is_symlink():
        return False
    try:
        return _digest(path.read_bytes()) == digest
    except OSError:
        return False


@dataclass
class _Plan:
    """What a run will do to the folder, decided before anything is written."""

    folder: Path  # the real folder (a symlink to it stays a symlink)
    files: list[OutFile]
    stale: set[str]  # written by an earlier run, no longer written: removed
    warnings: list[str]


def _inside(folder: Path, name: str) -> bool:
    """A manifest name that stays in the folder: no `..`, and no sub-folder on its way is a
    symlink (a chart's templates/x.yaml may go stale; /etc/passwd by a crafted link may not)."""
    relative = Path(name)
    if relative.is_absolute() or ".." in relative.parts:
        return False
    return (folder / relative.parent).resolve() == folder.resolve() / relative.parent


def _plan(folder: Path, files: list[OutFile], force: bool) -> _Plan:
    real = folder.resolve() if folder.is_symlink() else folder
    if real.exists() and not real.is_dir():
        raise InputError("output is not a folder", Loc(str(folder)))
    earlier = _read_manifest(real) if real.is_dir() else {}
    names = {f.name for f in files}
    for name in sorted(names):
        path = real / name
        if path.is_dir() and not path.is_symlink():
            raise InputError(f"a folder is in the way of the file {name}", Loc(str(path)))
        if (path.exists() or path.is_symlink()) and not force \
                and not _unchanged(path, earlier.get(name)):
            raise InputError("orchconv did not write this file (or it was edited since); "
                             "use --force to overwrite it", Loc(str(path)))
    stale: set[str] = set()
    warnings: list[str] = []
    for name, digest in sorted(earlier.items()):
        path = real / name
        if name in names or not _inside(real, name) or name in ("", ".", "..", MANIFEST_NAME) \
                or not (path.exists() or path.is_symlink()):
            continue
        if _unchanged(path, digest):
            stale.add(name)
        else:
            warnings.append(f"{path}: kept: orchconv wrote it in an earlier run, but it was "
                            "edited since")
    return _Plan(real, files, stale, warnings)


def _link_or_copy(source: str, target: str) -> None:
    """Carry a kept file into the new folder: a hard link (same inode, mode and content)."""
    import shutil  # here, not at the top: printing to stdout never needs it

    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        shutil.copy2(source, target, follow_symlinks=False)


def _carry(entry: os.DirEntry[str], stage: Path, replaced: set[str]) -> None:
    import shutil

    target = stage / entry.name
    if entry.is_dir(follow_symlinks=False):
        top = os.path.dirname(entry.path)

        def rewritten(folder: str, names: list[str]) -> set[str]:
            # what this run writes or removes in a sub-folder (a chart's templates/)
            inside = os.path.relpath(folder, top)
            return {name for name in names if f"{inside}/{name}" in replaced}

        shutil.copytree(entry.path, target, symlinks=True, copy_function=_link_or_copy,
                        ignore=rewritten)
        shutil.copystat(entry.path, target)
    else:
        _link_or_copy(entry.path, str(target))


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    done = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second),
                     rename_exchange)
    return bool(done == 0)


def _swap_in(stage: Path, folder: Path) -> None:
    """Put `stage` where `folder` is; the old folder ends up at `stage`'s name, then goes."""
    import shutil

    if not folder.exists():
        os.rename(stage, folder)
        return
    if not _exchange(stage, folder):
        # no atomic exchange here: two renames, with the old folder kept until the second
        aside = stage.with_name(stage.name + ".old")
        os.rename(folder, aside)
        os.rename(stage, folder)
        stage = aside
    shutil.rmtree(stage, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _cannot_write(error: OSError, folder: Path) -> InputError:
    return InputError(f"cannot write: {error.strerror or error}", Loc(str(folder)))


def _stage_for(folder: Path) -> Path | None:
    """A new hidden folder beside `folder` (0700 until everything is in), or None when
    only the folder itself is writable."""
    import tempfile

    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".orchconv",
                                     dir=folder.parent))
    except PermissionError as error:
        if folder.is_dir():
            return None
        raise _cannot_write(error, folder) from None
    except OSError as error:
        raise _cannot_write(error, folder) from None


def _staged(plan: _Plan, stage: Path) -> None:
    import shutil

    folder = plan.folder
    replaced = {f.name for f in plan.files} | plan.stale | {MANIFEST_NAME}
    try:
        if folder.is_dir():
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.name not in replaced:
                        _carry(entry, stage, replaced)
            mode = folder.stat().st_mode & 0o7777
        elif any(f.private for f in plan.files):
            mode = PRIVATE_FOLDER
        else:
            mode = 0o777 & ~_umask()
        for out in plan.files:
            write_atomic(stage / out.name, out.text, out.private)
        write_atomic(stage / MANIFEST_NAME, _manifest_text(plan.files),
                    any(f.private for f in plan.files))
        os.chmod(stage, mode)
        _swap_in(stage, folder)
    except OSError as error:
        shutil.rmtree(stage, ignore_errors=True)
        raise _cannot_write(error, folder) from None
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise


def _in_place(plan: _Plan) -> None:
    """Each file replaced atomically, and the manifest last: for a folder that holds the
    current folder (swapping it would strand the shell in a removed folder) or whose
    parent is not writable."""
    try:
        for out in plan.files:
            write_atomic(plan.folder / out.name, out.text, out.private)
        for name in plan.stale:
            (plan.folder / name).unlink(missing_ok=True)
        write_atomic(plan.folder / MANIFEST_NAME, _manifest_text(plan.files),
                     any(f.private for f in plan.files))
    except OSError as error:
        raise _cannot_write(error, plan.folder) from None


def _holds_cwd(folder: Path) -> bool:
    try:
        Path.cwd().resolve().relative_to(folder.resolve())
    except (ValueError, OSError):
        return False
    return True


def write_folder(folder: Path, files: list[OutFile], force: bool = False) -> list[str]:
    """Make `folder` hold `files` (plus what the user put there); the warnings to show."""
    plan = _plan(folder, files, force)
    stage = None if _holds_cwd(plan.folder) else _stage_for(plan.folder)
    if stage is None:
        _in_place(plan)
    else:
        _staged(plan, stage)
    return plan.warnings
