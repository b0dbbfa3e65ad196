"""Where in a document a schema problem lies, as a dotted path."""

from __future__ import annotations

from collections.abc import Iterable

PathPart = str | int


def format_path(path: Iterable[PathPart]) -> str:
    """`("services", "web", "ports", 0)` -> `services.web.ports[0]`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text
