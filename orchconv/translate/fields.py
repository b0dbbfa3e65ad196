"""Writing the fields of an output object: what the emitters and deploy read-backs share."""

from __future__ import annotations

from typing import Any


def put(target: dict[str, Any], key: str, value: Any) -> None:
    """Set `key` only when `value` says something: an output leaves empty and false
    values out (the platform's default)."""
    if value:
        target[key] = value
