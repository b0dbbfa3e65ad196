"""Compose durations, CPU counts and byte sizes as Kubernetes numbers and quantities."""

from __future__ import annotations

import math
import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # decimal and fractions load on first use: most small files need neither
    from fractions import Fraction

_DURATION_PART = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)")


@cache
def _unit_seconds() -> dict[str, Fraction]:
    from fractions import Fraction

    return {
        "ns": Fraction(1, 10**9), "us": Fraction(1, 10**6), "µs": Fraction(1, 10**6),
        "μs": Fraction(1, 10**6), "ms": Fraction(1, 1000), "s": Fraction(1), "m": Fraction(60),
        "h": Fraction(3600),
    }

_QUANTITY = re.compile(r"[+]?(\d+(\.\d*)?|\.\d+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?\d+)?")


@cache
def _size() -> re.Pattern[str]:
    return re.compile(r"\s*(\d+(?:\.\d*)?|\.\d+)\s*([kmgtp]?)(i?b)?\s*", re.IGNORECASE)


_BINARY = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40, "p": 1 << 50}


def duration_seconds(text: str) -> Fraction | None:
    """Seconds in a Go duration ("1m30s", "500ms", "0"), or None if it is not one."""
    from fractions import Fraction

    text = text.strip()
    if text in ("0", "+0"):
        return Fraction(0)
    body = text.lstrip("+")
    parts = _DURATION_PART.findall(body)
    if not body or "".join(number + unit for number, unit in parts) != body:
        return None
    return sum((Fraction(number) * _unit_seconds()[unit] for number, unit in parts), Fraction(0))


def whole_seconds(text: str, minimum: int = 0) -> tuple[int, bool] | None:
    """Seconds rounded up to a whole number, at least `minimum`, and whether that was exact."""
    seconds = duration_seconds(text)
    if seconds is None:
        return None
    whole = max(math.ceil(seconds), minimum)
    return whole, whole == seconds  # a Fraction equals an int of the same value


def cpu_quantity(cpus: str | float) -> tuple[str, bool] | None:
    """A CPU count as a quantity ("0.5" -> "500m"), rounded up to 1m; and whether exact."""
    from decimal import Decimal, InvalidOperation

    try:
        value = Decimal(str(cpus))
    except InvalidOperation:
        return None
    if not value.is_finite() or value <= 0:
        return None
    millis = value * 1000
    whole = int(millis.to_integral_value(rounding="ROUND_CEILING"))
    exact = Decimal(whole) == millis
    if whole % 1000 == 0:
        return str(whole // 1000), exact
    return f"{whole}m", exact


def byte_quantity(size: int) -> str:
    """Bytes as the largest binary suffix that divides them: 1073741824 -> "1Gi"."""
    for suffix, factor in (("Ei", 1 << 60), ("Pi", 1 << 50), ("Ti", 1 << 40),
                           ("Gi", 1 << 30), ("Mi", 1 << 20), ("Ki", 1 << 10)):
        if size and size % factor == 0:
            return f"{size // factor}{suffix}"
    return str(size)


def byte_size(value: object) -> int | None:
    """Bytes of a docker-style size (int, "64m", "1.5g", "100kb"); None if it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if not isinstance(value, str):
        return None
    match = _size().fullmatch(value)
    if match is None:
        return None
    number, unit, _ = match.groups()
    from decimal import Decimal

    return int(Decimal(number) * _BINARY[unit.lower()])


def is_quantity(text: str) -> bool:
    """Whether `text` parses as a Kubernetes resource quantity ("1Gi", "500M")."""
    return bool(_QUANTITY.fullmatch(text.strip()))
