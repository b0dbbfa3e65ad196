"""The Kubernetes releases orchconv emits for and validates against, spelt once.

The emitter, the loader, the CLI choices and lint read them from here; adding a
release means adding it here and its schemas to kubernetes-validate's catalogue.
Nothing is imported, so the CLI can build its options from this module cheaply.
"""

from __future__ import annotations

SUPPORTED_VERSIONS = ("1.31", "1.32", "1.33", "1.34", "1.35")
DEFAULT_VERSION = SUPPORTED_VERSIONS[-1]


def unsupported_version(version: str) -> str | None:
    """Why `version` cannot be targeted (one line), or None when it can."""
    if version in SUPPORTED_VERSIONS:
        return None
    return f"unsupported Kubernetes version {version!r}: use one of {', '.join(SUPPORTED_VERSIONS)}"
