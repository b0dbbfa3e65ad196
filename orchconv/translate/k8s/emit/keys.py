"""ConfigMap and Secret data keys as the API server checks them.

The rule is apimachinery's IsConfigMapKey: `[-._a-zA-Z0-9]+`, at most 253
bytes, and neither `.`, `..` nor anything starting with `..`.  A manifest
with any other key is refused when applied, so the emitter checks first.
"""

from __future__ import annotations

import re
from functools import cache

KEY_MAX = 253  # DNS1123SubdomainMaxLength, counted in bytes


@cache
def _key() -> re.Pattern[str]:
    return re.compile(r"[-._a-zA-Z0-9]+")


def key_problem(key: str) -> str | None:
    """Why `key` cannot be a ConfigMap or Secret key, or None when it can."""
    if not key:
        return "an empty name is no valid key"
    if len(key.encode()) > KEY_MAX:
        return f"a key has at most {KEY_MAX} characters"
    if not _key().fullmatch(key):
        return "a key may only hold ASCII letters, digits, '-', '_' and '.'"
    if key in (".", "..") or key.startswith(".."):
        return "a key may not be '.' or '..', nor start with '..'"
    return None
