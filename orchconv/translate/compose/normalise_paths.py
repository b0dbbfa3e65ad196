"""Relative paths of a compose document, resolved as compose-go's paths package does."""

from __future__ import annotations

import os

from orchconv.translate.compose.syntax.golang import path_clean

_REMOTE_CONTEXT_PREFIXES = ("https://", "http://", "git://", "ssh://", "github.com/", "git@")


def _expand_user(path: str) -> str:
    """"~" and "~anything" start at $HOME, as Go's ExpandUser does (no ~user lookup)."""
    if not path.startswith("~"):
        return path
    home = os.environ.get("HOME")
    if not home:
        return path
    return _join(home, path[1:])


def _join(base: str, path: str) -> str:
    return path_clean(f"{base}/{path}") if path else path_clean(base)


def _windows_volume_length(path: str) -> int:
    if len(path) < 2:
        return 0
    if path[1] == ":" and path[0].isascii() and path[0].isalpha():
        return 2
    slashes = "\\/"
    if (len(path) >= 5 and path[0] in slashes and path[1] in slashes
            and path[2] not in slashes and path[2] != "."):
        index = 3
        while index < len(path) - 1:
            if path[index] in slashes:
                index += 1
                if path[index] in slashes or path[index] == ".":
                    return 0
                while index < len(path) and path[index] not in slashes:
                    index += 1
                return index
            index += 1
    return 0


def _is_windows_absolute(path: str) -> bool:
    length = _windows_volume_length(path)
    return length > 0 and len(path) > length and path[length] in "\\/"


def resolve_first_symlink(path: str) -> str:
    """Replace the first symbolic link along `path` by its target (compose-go's
    ResolveSymbolicLink, used for develop.watch paths)."""
    current = "/" if path.startswith("/") else ""
    for part in path.split("/"):
        if not part:
            continue
        current = os.path.join(current, part) if current else part
        if os.path.islink(current):
            return path.replace(current, os.path.realpath(current), 1)
    return path


class Paths:
    """Resolves the relative paths of one service (or of the top level)."""

    __slots__ = ("base", "resolve")  # a plain class: a dataclass costs startup time

    def __init__(self, base: str, resolve: bool = True) -> None:
        self.base = base
        # False: bind sources, file sources and build contexts stay as written; the
        # files orchconv reads itself (env_file, label_file, extends) still resolve
        self.resolve = resolve

    def absolute(self, path: str) -> str:
        """env_file, label_file, extends.file: relative to the base, "~" expanded."""
        expanded = _expand_user(path)
        if expanded.startswith("/") or not expanded:
            return expanded
        return _join(self.base, expanded)

    def host_path(self, path: str) -> str:
        """Bind sources, secret and config files: Windows absolute paths stay too."""
        if not self.resolve:
            return path
        expanded = _expand_user(path)
        if expanded.startswith("/") or _is_windows_absolute(expanded):
            return expanded
        return _join(self.base, expanded)

    def build_context(self, path: str) -> str:
        """Build contexts that are URLs, git references or `service:` stay as written."""
        if not self.resolve or "://" in path or path.startswith("service:") or path.startswith(
                _REMOTE_CONTEXT_PREFIXES):
            return path
        return self.absolute(path)
