"""What a YAML scalar means under YAML 1.2 core-schema rules, as go-yaml v3 reads it.

compose-go and docker/cli use go-yaml v3, so `yes`, `on` and `8080:80` stay strings.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUES = frozenset({"true", "True", "TRUE"})
_FALSES = frozenset({"false", "False", "FALSE"})


@cache
def _int_re() -> re.Pattern[str]:
    return re.compile(r"[-+]?(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|[0-9][0-9_]*)")


@cache
def _float_re() -> re.Pattern[str]:
    return re.compile(
        r"[-+]?(?:\.[0-9_]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
    )


_TRUES_FIRST = frozenset("tTfF")
_NUMERIC_FIRST = frozenset("+-0123456789.")


def resolve_plain(text: str) -> Any:
    """A plain scalar's value under YAML 1.2 core rules (go-yaml v3 flavour)."""
    if text in _NULLS:
        return None
    first = text[0]
    if first in _TRUES_FIRST:
        if text in _TRUES:
            return True
        if text in _FALSES:
            return False
    if first in _NUMERIC_FIRST:
        if _int_re().fullmatch(text):
            return _to_int(text)
        if _float_re().fullmatch(text):
            return _to_float(text)
    return text


def _to_int(text: str) -> int | str:
    digits = text.replace("_", "")
    sign = -1 if digits.startswith("-") else 1
    body = digits.lstrip("+-")
    try:
        if len(body) > 1 and body[0] == "0" and body[1].isdigit():
            return sign * int(body, 8)  # go's ParseInt(base 0): leading zero is octal
        return sign * int(body, 0)
    except ValueError:
        return text


def _to_float(text: str) -> float | str:
    lowered = text.lower().replace("_", "")
    if lowered.endswith("inf"):
        return float("-inf") if lowered.startswith("-") else float("inf")
    if lowered.endswith("nan"):
        return float("nan")
    try:
        return float(lowered)
    except ValueError:
        return text  # "._" looks numeric to the pattern but is a string, as go-yaml reads it
