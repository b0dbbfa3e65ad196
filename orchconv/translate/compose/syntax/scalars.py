"""Scalar fields (integers, numbers, booleans) read as compose-go's types read them."""

from __future__ import annotations

from typing import Any

from orchconv.errors import InputError
from orchconv.location import Loc
from orchconv.translate.compose.syntax.golang import parse_float, parse_int, yaml_bool
from orchconv.translate.compose.syntax.located import type_name


def to_int(value: Any, loc: Loc | None, what: str) -> int:
    """An integer field; strings are cast as compose-go's interpolation does (base 10)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        number = parse_int(value)
        if number is not None:
            return number
    raise InputError(f"{what} must be an integer, not {type_name(value)} {value!r}", loc)


def to_float(value: Any, loc: Loc | None, what: str) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        parsed = parse_float(value)
        if parsed is not None:
            return parsed
    raise InputError(f"{what} must be a number, not {type_name(value)} {value!r}", loc)


def to_bool(value: Any, loc: Loc | None, what: str) -> bool:
    """A boolean field; strings use compose-go's cast, which still knows YAML 1.1 words."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        parsed = yaml_bool(value)
        if parsed is not None:
            return parsed
    raise InputError(f"{what} must be a boolean, not {type_name(value)} {value!r}", loc)
