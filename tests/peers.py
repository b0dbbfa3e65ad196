"""Locate peer tools (docker compose v2, kompose, ...) built by scripts/peers/.

Under CI=true a missing peer is a failure, never a skip: CI installs them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CACHE_BIN = Path(os.environ.get("ORCHCONV_CACHE", Path.home() / ".cache" / "orchconv")) / "bin"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def find_peer(name: str) -> str | None:
    candidate = CACHE_BIN / name
    if candidate.is_file() and os.access(candidate, os.X_OK):
        return str(candidate)
    return shutil.which(name)


def missing(message: str) -> None:
    """A test's tool or backend is absent: fail under CI=true, skip elsewhere."""
    if in_ci():
        pytest.fail(message)
    pytest.skip(message)


def skip_unless_ci(condition: bool, reason: str) -> pytest.MarkDecorator:
    """`skipif` that never skips under CI=true: there the test runs and fails."""
    return pytest.mark.skipif(condition and not in_ci(), reason=reason)


def require_peer(name: str, how: str) -> str:
    """The peer's path; fail under CI, skip elsewhere, when it is missing."""
    found = find_peer(name)
    if found:
        return found
    missing(f"{name} is not installed ({how})")
    raise AssertionError("unreachable")  # missing() always raises
