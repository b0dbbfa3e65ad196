"""Sizes and CPU counts written the way docker/cli reads them back."""

from __future__ import annotations

import re

# docker/cli's RAMInBytes and the kernel's tmpfs options use binary units.
_UNITS = (("g", 1 << 30), ("m", 1 << 20), ("k", 1 << 10))
_SIZE = re.compile(r"^(\d+)([kmg]?)$", re.IGNORECASE)


def format_bytes(size: int) -> str:
    """The shortest exact text for a byte count: 536870912 -> "512m"."""
    for suffix, factor in _UNITS:
        if size and size % factor == 0:
            return f"{size // factor}{suffix}"
    return str(size)


def parse_size(text: str) -> int | None:
    """A tmpfs `size=` option ("10m", "4096") in bytes; None for "50%" and the like."""
    match = _SIZE.match(text.strip())
    if match is None:
        return None
    factor = dict(_UNITS).get(match.group(2).lower(), 1)
    return int(match.group(1)) * factor


def format_cpus(cpus: float) -> str:
    """A CPU count as the decimal string stack files want: 0.5 -> "0.5", 2.0 -> "2"."""
    text = f"{cpus:.9f}".rstrip("0").rstrip(".")
    return text or "0"
