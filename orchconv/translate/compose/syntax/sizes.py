"""Byte sizes: go-units RAMInBytes (binary multiples), as compose-go reads them."""

from __future__ import annotations

import math
from typing import Any

from orchconv.errors import InputError
from orchconv.location import Loc
from orchconv.translate.compose.syntax.golang import INT64_MAX, parse_float
from orchconv.translate.compose.syntax.located import type_name

_BINARY_MULTIPLIERS = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40, "p": 1 << 50}


def parse_byte_size(text: str, loc: Loc | None) -> int:
    """Bytes of "512m", "1.5g", "100kb", "2 GiB" or a bare number."""
    split = max(text.rfind(c) for c in "0123456789. ")
    if split < 0:
        raise InputError(f"invalid size: {text!r}", loc)
    number, suffix = (text[:split], text[split + 1 :]) if text[split] == " " else (
        text[: split + 1], text[split + 1 :])
    size = parse_float(number)
    if size is None or math.isnan(size):
        raise InputError(f"invalid size: {text!r}", loc)
    if size < 0:
        raise InputError(f"invalid size: {text!r}", loc)
    suffix = suffix.lower()
    if suffix and suffix[0] != "b":
        multiplier = _BINARY_MULTIPLIERS.get(suffix[0])
        if multiplier is None or len(suffix) > 3 or (
            len(suffix) == 2 and suffix[1] != "b") or (len(suffix) == 3 and suffix[1:] != "ib"):
            raise InputError(f"invalid size suffix {suffix!r} in {text!r}", loc)
        size *= multiplier
    elif len(suffix) > 1:
        raise InputError(f"invalid size suffix {suffix!r} in {text!r}", loc)
    if math.isinf(size) or size > INT64_MAX:
        raise InputError(f"size {text!r} is too large", loc)
    return int(size)


def byte_size(value: Any, loc: Loc | None) -> int:
    """A size field (mem_limit, shm_size, memory...) in bytes.

    `docker compose config` prints the count as a quoted string ("1073741824");
    this stage keeps it an integer, as the IR does.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        return parse_byte_size(value, loc)
    # compose-go silently turns a float into 0 here; refusing is kinder.
    raise InputError(
        f"a size must be an integer or a string like 512m, not {type_name(value)} {value!r}",
        loc)
