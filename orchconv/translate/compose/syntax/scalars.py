"""Scalar fields (integers, numbers, booleans) read as compose-go's types read them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from orchconv.errors import InputError
from orchconv.location import Loc
from orchconv.translate.compose.syntax.golang import parse_float, parse_int, yaml_bool
from orchconv.translate.compose.syntax.located import type_name

_T = TypeVar("_T")


def to_int(value: Any, loc: Loc | None, what: str) -> int:
    """An integer field; strings are cast as compose-go's interpolation does (base 10)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return _from_string(value, parse_int, loc, what, "an integer")


def to_float(value: Any, loc: Loc | None, what: str) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return _from_string(value, parse_float, loc, what, "a number")


def to_bool(value: Any, loc: Loc | None, what: str) -> bool:
    """A boolean field; strings use compose-go's cast, which still knows YAML 1.1 words."""
    if isinstance(value, bool):
        return value
    return _from_string(value, yaml_bool, loc, what, "a boolean")


def _from_string(value: Any, parse: Callable[[str], _T | None], loc: Loc | None, what: str,
                 kind: str) -> _T:
    """A string field value parsed by `parse`; anything else, or a string it refuses, is
    an error naming the field and what it must be."""
    parsed = parse(value) if isinstance(value, str) else None
    if parsed is None:
        raise InputError(f"{what} must be {kind}, not {type_name(value)} {value!r}", loc)
    return parsed
