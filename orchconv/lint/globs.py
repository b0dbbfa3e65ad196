"""The configuration's path patterns (`exclude`, `per-file-ignores`), matched gitignore-ish."""

from __future__ import annotations

import fnmatch
from pathlib import Path


def glob_match(path: Path, pattern: str, base_dir: Path) -> bool:
    """A pattern without `/` matches a name anywhere; else the path from the
    configuration's folder `base_dir` (`**` crosses folders)."""
    absolute = path.resolve()
    try:
        relative = absolute.relative_to(base_dir.resolve()).as_posix()
    except ValueError:
        relative = absolute.as_posix()
    if "/" not in pattern.rstrip("/"):
        return any(fnmatch.fnmatchcase(part, pattern.rstrip("/"))
                   for part in relative.split("/"))
    return _full_match(relative, pattern)


def _full_match(relative: str, pattern: str) -> bool:
    if fnmatch.fnmatchcase(relative, pattern):
        return True
    if pattern.startswith("**/") and fnmatch.fnmatchcase(relative, pattern[3:]):
        return True  # `**/x` also matches `x` at the top
    if pattern.endswith("/**") or pattern.endswith("/"):
        folder = pattern.rstrip("*").rstrip("/")
        return relative.startswith(folder + "/")
    return False
