"""The one setting every backend test's timeout comes from.

ORCHCONV_TEST_TIMEOUT (seconds, default 180) bounds each wait for a deployment to
be ready or gone.  Waits are decided by lasting states, so a larger value only
costs time when something is really stuck; raise it on a slow or busy machine.
"""

from __future__ import annotations

import os

DEFAULT = 180.0


def _setting() -> float:
    raw = os.environ.get("ORCHCONV_TEST_TIMEOUT", "")
    try:
        value = float(raw) if raw.strip() else DEFAULT
    except ValueError:
        raise ValueError(f"ORCHCONV_TEST_TIMEOUT={raw!r} is not a number of seconds") from None
    if value <= 0:
        raise ValueError(f"ORCHCONV_TEST_TIMEOUT={raw!r} must be positive")
    return value


TIMEOUT = _setting()


def scaled(fraction: float) -> float:
    """A part of the timeout, for the shorter waits (a page to answer, a CLI call)."""
    return max(5.0, TIMEOUT * fraction)
