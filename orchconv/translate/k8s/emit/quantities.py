"""Compose durations, CPU counts and byte sizes as Kubernetes numbers and quantities."""

from __future__ import annotations

import re
from functools import cache

# Exact decimal arithmetic on integers: a number is (digits, scale), its value digits /
# 10**scale.  fractions and decimal would do it too, at 1.7 ms of import per start.
_NUMBER = re.compile(r"([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?")
_DURATION_PART = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)")
_UNIT_NANOSECONDS = {"ns": 1, "us": 10**3, "µs": 10**3, "μs": 10**3, "ms": 10**6,
                     "s": 10**9, "m": 60 * 10**9, "h": 3600 * 10**9}
_SECOND = 10**9
_MAX_EXPONENT = 64  # a CPU count past 1e64 is no CPU count; refuses "1e999999999"

_QUANTITY = re.compile(r"[+]?(\d+(\.\d*)?|\.\d+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?\d+)?")


@cache
def _size() -> re.Pattern[str]:
    return re.compile(r"\s*(\d+(?:\.\d*)?|\.\d+)\s*([kmgtp]?)(i?b)?\s*", re.IGNORECASE)


_BINARY = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40, "p": 1 << 50}


def exact_decimal(text: str) -> tuple[int, int] | None:
    """`text` ("1.5", "-.25", "2e-3", " 3 ") as (digits, scale), worth digits / 10**scale;
    None when it is no finite decimal number."""
    match = _NUMBER.fullmatch(text.strip())
    if match is None:
        return None
    sign, whole, fraction, exponent = match.groups()
    fraction = fraction or ""
    if not whole and not fraction:
        return None
    shift = int(exponent or 0)
    if abs(shift) > _MAX_EXPONENT:
        return None
    digits = int(whole + fraction) * (-1 if sign == "-" else 1)
    scale = len(fraction) - shift
    if scale < 0:
        return digits * 10**-scale, 0
    return digits, scale


def _duration_nanoseconds(text: str) -> tuple[int, int] | None:
    """A Go duration ("1m30s", "500ms", "0") as (nanoseconds x 10**scale, scale)."""
    text = text.strip()
    if text in ("0", "+0"):
        return 0, 0
    body = text.lstrip("+")
    parts = _DURATION_PART.findall(body)
    if not body or "".join(number + unit for number, unit in parts) != body:
        return None
    numbers = [exact_decimal(number) for number, _ in parts]
    scale = max(found[1] for found in numbers if found is not None)
    total = 0
    for found, (_, unit) in zip(numbers, parts, strict=True):
        assert found is not None  # the duration syntax only matches plain decimals
        digits, own = found
        total += digits * 10 ** (scale - own) * _UNIT_NANOSECONDS[unit]
    return total, scale


def whole_seconds(text: str, minimum: int = 0) -> tuple[int, bool] | None:
    """Seconds rounded up to a whole number, at least `minimum`, and whether that was exact."""
    found = _duration_nanoseconds(text)
    if found is None:
        return None
    scaled, scale = found
    unit = _SECOND * 10**scale  # one second, in the same scaled nanoseconds
    whole = max(-(-scaled // unit), minimum)
    return whole, whole * unit == scaled


def cpu_quantity(cpus: str | float) -> tuple[str, bool] | None:
    """A CPU count as a quantity ("0.5" -> "500m"), rounded up to 1m; and whether exact."""
    found = exact_decimal(str(cpus))
    if found is None or found[0] <= 0:
        return None
    digits, scale = found
    per_milli = 10**scale
    whole = -(-(digits * 1000) // per_milli)
    exact = whole * per_milli == digits * 1000
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
    number: str = match.group(1)
    unit: str = match.group(2)
    found = exact_decimal(number)
    assert found is not None  # the size syntax only matches plain decimals
    digits, scale = found
    whole: int = digits * _BINARY[unit.lower()] // 10**scale  # whole bytes: int() truncates
    return whole


def is_quantity(text: str) -> bool:
    """Whether `text` parses as a Kubernetes resource quantity ("1Gi", "500M")."""
    return bool(_QUANTITY.fullmatch(text.strip()))
