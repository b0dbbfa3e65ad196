"""Durations: str2duration syntax in, Go's time.Duration.String() out."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from orchconv.errors import InputError
from orchconv.location import Loc
from orchconv.translate.compose.syntax.golang import INT64_MAX, sprint
from orchconv.translate.compose.syntax.located import type_name

_NANOS_PER_UNIT = {
    "ns": 1,
    "us": 1_000,
    "µs": 1_000,  # U+00B5 micro sign
    "μs": 1_000,  # U+03BC greek mu
    "ms": 1_000_000,
    "s": 1_000_000_000,
    "m": 60 * 1_000_000_000,
    "h": 3600 * 1_000_000_000,
    "d": 24 * 3600 * 1_000_000_000,
    "w": 168 * 3600 * 1_000_000_000,
}


@cache
def _duration_part_re() -> re.Pattern[str]:
    return re.compile(r"([0-9]*)(?:\.([0-9]*))?([^0-9.]*)")


def parse_duration(text: str, loc: Loc | None) -> int:
    """Nanoseconds of a duration such as "1m30s", "1.5h" or "2d" (str2duration rules)."""
    rest = text
    negative = False
    if rest[:1] in ("-", "+"):
        negative = rest[0] == "-"
        rest = rest[1:]
    if rest == "0":
        return 0
    if not rest:
        raise InputError(f"invalid duration {text!r}", loc)
    total = 0
    while rest:
        match = _duration_part_re().match(rest)
        assert match is not None  # the pattern matches every string, possibly empty
        whole, fraction, unit = match.group(1), match.group(2), match.group(3)
        if not whole and not fraction:
            raise InputError(f"invalid duration {text!r}", loc)
        if not unit:
            raise InputError(f"missing unit in duration {text!r}", loc)
        scale = _NANOS_PER_UNIT.get(unit)
        if scale is None:
            raise InputError(f"unknown unit {unit!r} in duration {text!r}", loc)
        value = int(whole or "0") * scale
        if fraction:
            # Go scales the fraction through a float64, as we do.
            value += int(int(fraction) * (scale / 10 ** len(fraction)))
        total += value
        if total > INT64_MAX:
            raise InputError(f"invalid duration {text!r}: too long", loc)
        rest = rest[match.end() :]
    return -total if negative else total


def _fraction_text(value: int, precision: int) -> tuple[int, str]:
    whole, fraction = divmod(value, 10**precision)
    digits = f"{fraction:0{precision}d}".rstrip("0") if precision else ""
    return whole, f".{digits}" if digits else ""


def format_duration(nanos: int) -> str:
    """Go's time.Duration.String(): "1h0m0s", "1m30s", "1.5ms", "0s"."""
    sign = "-" if nanos < 0 else ""
    size = abs(nanos)
    if size == 0:
        return "0s"
    if size < 1_000_000_000:
        if size < 1_000:
            unit, precision = "ns", 0
        elif size < 1_000_000:
            unit, precision = "µs", 3
        else:
            unit, precision = "ms", 6
        whole, fraction = _fraction_text(size, precision)
        return f"{sign}{whole}{fraction}{unit}"
    seconds, fraction = _fraction_text(size, 9)
    text = f"{seconds % 60}{fraction}s"
    minutes = seconds // 60
    if minutes:
        text = f"{minutes % 60}m{text}"
        hours = minutes // 60
        if hours:
            text = f"{hours}h{text}"
    return sign + text


def duration(value: Any, loc: Loc | None) -> str:
    """A duration field as `docker compose config` prints it."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise InputError(f"a duration must be a string like 1m30s, not {type_name(value)}", loc)
    return format_duration(parse_duration(sprint(value), loc))
