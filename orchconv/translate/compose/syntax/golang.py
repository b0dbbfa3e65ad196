"""Go's rules for scalars, in the one place every stage takes them from.

compose-go (and docker/cli) turn YAML scalars into text with fmt's `%v`,
parse numbers with strconv and read booleans with a YAML 1.1 word list; their
output is what `docker compose config` prints, so orchconv follows them
exactly: `%v` of a float64 is `strconv.FormatFloat(f, 'g', -1, 64)` (shortest
digits, exponent form below 1e-4 and from 1e+06 on, "-0" for negative zero);
`strconv.ParseFloat` accepts decimal and hexadecimal literals with `_` between
digits, "inf"/"infinity" with a sign and "nan" without, and refuses what
overflows.
"""

from __future__ import annotations

import math
import re
from functools import cache
from typing import Any, Literal

INT64_MIN, INT64_MAX = -(1 << 63), (1 << 63) - 1


@cache
def int_re() -> re.Pattern[str]:
    return re.compile(r"[+-]?[0-9]+")  # strconv.Atoi's syntax (base 10)


# strconv.ParseBool
PARSE_BOOL_WORDS: dict[str, bool] = {
    **dict.fromkeys(("1", "t", "T", "TRUE", "true", "True"), True),
    **dict.fromkeys(("0", "f", "F", "FALSE", "false", "False"), False),
}
# compose-go's and docker/cli's toBoolean (any case): YAML 1.1 words
YAML11_TRUE = frozenset({"true", "y", "yes", "on"})
YAML11_FALSE = frozenset({"false", "n", "no", "off"})
YAML12_WORDS = frozenset({"true", "false"})  # the only ones compose reads without a warning

# Halfway between the largest float32 and 2**128: from here float32 rounding overflows.
_FLOAT32_OVERFLOW = float(2**128 - 2**103)


@cache
def _float_syntax() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """ParseFloat's special, decimal and hexadecimal forms (compiled on first use:
    most loads never parse a float)."""
    return (
        re.compile(r"[+-]?(?:inf|infinity)|nan", re.IGNORECASE),
        re.compile(r"[+-]?(?=[0-9_]*\.?[0-9_]*[0-9])(?:[0-9_]*\.?[0-9_]*)"
                   r"(?:[eE][+-]?[0-9][0-9_]*)?"),
        re.compile(r"[+-]?0[xX](?=[0-9a-fA-F_]*\.?[0-9a-fA-F_]*[0-9a-fA-F])"
                   r"[0-9a-fA-F_]*\.?[0-9a-fA-F_]*[pP][+-]?[0-9][0-9_]*"),
    )


def format_float(value: float) -> str:
    """strconv.FormatFloat(value, 'g', -1, 64): what `%v` prints for a float64."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    sign = "-" if math.copysign(1.0, value) < 0 else ""
    if value == 0:
        return sign + "0"
    # repr gives the shortest digits that read back as the same float, as Go's do
    mantissa, _, exp_text = repr(abs(value)).partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = (whole + fraction).lstrip("0")
    exponent = len(whole) - 1 + (int(exp_text) if exp_text else 0)  # of the first digit
    if whole == "0":
        exponent = -(len(fraction) - len(fraction.lstrip("0"))) - 1
    digits = digits.rstrip("0") or "0"
    if exponent < -4 or exponent >= 6:  # Go decides on a fixed 6 in shortest mode
        tail = f".{digits[1:]}" if len(digits) > 1 else ""
        return f"{sign}{digits[0]}{tail}e{'-' if exponent < 0 else '+'}{abs(exponent):02d}"
    if exponent < 0:
        return f"{sign}0.{'0' * (-exponent - 1)}{digits}"
    if len(digits) <= exponent + 1:
        return sign + digits + "0" * (exponent + 1 - len(digits))
    return f"{sign}{digits[: exponent + 1]}.{digits[exponent + 1 :]}"


def sprint(value: Any) -> str:
    """fmt.Sprint (`%v`) of a YAML scalar, as compose-go turns values into text."""
    if value is None:
        return "<nil>"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return format_float(value)
    return str(value)


def path_clean(path: str) -> str:
    """Go's path.Clean: lexical, slash-separated, no filesystem access."""
    if not path:
        return "."
    rooted = path.startswith("/")
    parts: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts and parts[-1] != "..":
                parts.pop()
            elif not rooted:
                parts.append("..")
            continue
        parts.append(part)
    joined = "/".join(parts)
    if rooted:
        return "/" + joined
    return joined or "."


def parse_int(text: str) -> int | None:
    """strconv.ParseInt(text, 10, 64): decimal digits, an optional sign, 64 bits."""
    if not int_re().fullmatch(text):
        return None
    number = int(text)
    return number if INT64_MIN <= number <= INT64_MAX else None


def _underscores_ok(text: str) -> bool:
    """strconv's underscoreOK: each `_` sits between two digits (a 0x prefix counts)."""
    body = text[1:] if text[:1] in ("+", "-") else text
    hexadecimal = body[:2].lower() == "0x"
    saw = "0" if hexadecimal else "^"  # ^ start, 0 digit, _ underscore, ! other
    for char in body[2:] if hexadecimal else body:
        if (char.isdigit() and char.isascii()) or (hexadecimal and char.lower() in "abcdef"):
            saw = "0"
        elif char == "_":
            if saw != "0":
                return False
            saw = "_"
        elif saw == "_":
            return False
        else:
            saw = "!"
    return saw != "_"


def parse_float(text: str, *, bits: Literal[32, 64] = 64) -> float | None:
    """strconv.ParseFloat(text, bits), None where Go returns an error (syntax or range)."""
    special, decimal, hex_float = _float_syntax()
    if special.fullmatch(text):
        return float(text.lower().replace("infinity", "inf"))
    hexadecimal = hex_float.fullmatch(text) is not None
    if not hexadecimal and not decimal.fullmatch(text):
        return None
    if "_" in text:
        if not _underscores_ok(text):
            return None
        text = text.replace("_", "")
    try:
        number = float.fromhex(text) if hexadecimal else float(text)
    except OverflowError:
        return None
    if math.isinf(number) or (bits == 32 and abs(number) >= _FLOAT32_OVERFLOW):
        return None  # Go reports a range error
    return number


def parse_bool(text: str) -> bool | None:
    """strconv.ParseBool: 1/t/true and 0/f/false in the three spellings Go knows."""
    return PARSE_BOOL_WORDS.get(text)


def yaml_bool(text: str) -> bool | None:
    """compose-go's toBoolean: true/false and YAML 1.1's y/yes/on, n/no/off, in any case."""
    lowered = text.lower()
    if lowered in YAML11_TRUE:
        return True
    if lowered in YAML11_FALSE:
        return False
    return None
