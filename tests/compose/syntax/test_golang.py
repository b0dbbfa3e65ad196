"""Go's rules (fmt %v, strconv.ParseFloat/ParseInt/ParseBool, YAML 1.1 booleans).

The tables were produced by running Go's strconv and fmt on the same inputs;
the properties check what the Go documentation promises: %v of a float64 is
FormatFloat(f, 'g', -1, 64), the shortest text that reads back as the same
number, in exponent form when the exponent is below -4 or at least 6.
"""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orchconv.translate.compose.syntax.golang import (
    INT64_MAX,
    INT64_MIN,
    PARSE_BOOL_WORDS,
    format_float,
    parse_bool,
    parse_float,
    parse_int,
    sprint,
    yaml_bool,
)

finite = st.floats(allow_nan=False, allow_infinity=False)

# strconv.FormatFloat(f, 'g', -1, 64), as Go prints it
GO_FORMATTED = [
    (-0.0, "-0"), (0.0, "0"), (1e6, "1e+06"), (999999.0, "999999"), (999999.5, "999999.5"),
    (1234567.0, "1.234567e+06"), (123456789.0, "1.23456789e+08"), (1e21, "1e+21"),
    (1e-5, "1e-05"), (0.0001, "0.0001"), (0.00012345, "0.00012345"), (5e-324, "5e-324"),
    (1.7976931348623157e308, "1.7976931348623157e+308"), (3.0, "3"), (-2.5, "-2.5"),
    (0.1, "0.1"), (100.0, "100"), (1e20, "1e+20"), (608863452348.1149, "6.088634523481149e+11"),
    (math.inf, "+Inf"), (-math.inf, "-Inf"),
]

# strconv.ParseFloat(s, 64): the value Go returns, or None where it returns an error
GO_PARSED = [
    ("1_000", 1000.0), ("1_000.5", 1000.5), ("1__0", None), ("_1", None), ("1_", None),
    ("1_.5", None), ("1._5", None), ("1.5_e3", None), ("1e_3", None), ("1e3_0", 1e30),
    ("0x_1p1", 2.0), ("0x1_0p0", 16.0), ("0x1p-2", 0.25), ("0X1.8P1", 3.0), ("0x1", None),
    ("0x.8p1", 1.0), ("+nan", None), ("-Inf", -math.inf), ("+infinity", math.inf),
    ("infin", None), ("1e400", None), ("-1e400", None), ("1e-400", 0.0), ("1.", 1.0),
    (".5", 0.5), (".", None), ("", None), (" 1", None), ("1 ", None), ("+.5", 0.5),
    ("0x", None), ("0b1", None), ("1e", None), ("1e+", None), ("\u0661", None), ("1E5", 1e5),
    ("0x1P+2_0", 1048576.0),
]


@pytest.mark.parametrize(("value", "text"), GO_FORMATTED)
def test_format_float_matches_go(value: float, text: str) -> None:
    assert format_float(value) == text
    assert sprint(value) == text


def test_sprint_of_other_scalars() -> None:
    assert [sprint(v) for v in (None, True, False, 3, "x")] == ["<nil>", "true", "false", "3", "x"]


def _go_g_model(value: float) -> str:
    """%g with the shortest digits, built from the decimal digits alone."""
    digits = Decimal(repr(abs(value))).normalize()
    exponent = digits.adjusted()
    if exponent < -4 or exponent >= 6:
        mantissa, _, power = format(digits, "e").partition("e")
        text = f"{mantissa}e{power[0]}{int(power[1:]):02d}"  # Go writes two digits at least
    else:
        text = format(digits, "f")
    return ("-" if math.copysign(1.0, value) < 0 else "") + text


@given(finite)
def test_format_float_is_go_g_shortest(value: float) -> None:
    text = format_float(value)
    assert float(text) == value or value == 0
    if value != 0:
        assert text == _go_g_model(value)


@given(finite)
def test_formatted_floats_parse_back(value: float) -> None:
    parsed = parse_float(format_float(value))
    assert parsed == value and math.copysign(1.0, parsed) == math.copysign(1.0, value)


@pytest.mark.parametrize(("text", "value"), GO_PARSED)
def test_parse_float_matches_go(text: str, value: float | None) -> None:
    assert parse_float(text) == value


def test_parse_float_nan_and_float32_range() -> None:
    for text in ("nan", "NaN"):
        nan = parse_float(text)
        assert nan is not None and math.isnan(nan)
    assert parse_float("3.4028235e38", bits=32) == 3.4028235e38
    assert parse_float("3.4028236e38", bits=32) is None
    assert parse_float("3.5e38", bits=64) == 3.5e38


@given(finite)
def test_hex_floats_parse(value: float) -> None:
    assert parse_float(value.hex()) == value


@given(st.integers(1, 10**12), st.integers(0, 10**6), st.data())
def test_underscores_between_digits_are_allowed(whole: int, fraction: int,
                                                data: st.DataObject) -> None:
    text = f"{whole}.{fraction}"
    digit_gaps = [i for i in range(1, len(text)) if text[i - 1].isdigit() and text[i].isdigit()]
    if digit_gaps:
        at = data.draw(st.sampled_from(digit_gaps))
        assert parse_float(text[:at] + "_" + text[at:]) == float(text)
    for at in (0, text.index("."), text.index(".") + 1, len(text)):
        assert parse_float(text[:at] + "_" + text[at:]) is None


@given(st.integers(INT64_MIN, INT64_MAX))
def test_parse_int_reads_int64(number: int) -> None:
    assert parse_int(str(number)) == number


@given(st.one_of(st.integers(max_value=INT64_MIN - 1), st.integers(min_value=INT64_MAX + 1)))
def test_parse_int_refuses_what_overflows(number: int) -> None:
    assert parse_int(str(number)) is None


def test_parse_bool_knows_exactly_go_words() -> None:
    assert sorted(PARSE_BOOL_WORDS) == sorted(
        ["1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False"])
    assert parse_bool("True") is True and parse_bool("0") is False


@given(st.text(max_size=8).filter(lambda text: text not in PARSE_BOOL_WORDS))
def test_parse_bool_refuses_anything_else(text: str) -> None:
    assert parse_bool(text) is None


@pytest.mark.parametrize(("text", "value"), [
    ("true", True), ("TRUE", True), ("Yes", True), ("y", True), ("ON", True),
    ("false", False), ("No", False), ("n", False), ("oFF", False),
])
def test_yaml_booleans_in_any_case(text: str, value: bool) -> None:
    assert yaml_bool(text) is value


@given(st.text(max_size=6).filter(
    lambda text: text.lower() not in {"true", "y", "yes", "on", "false", "n", "no", "off"}))
def test_other_words_are_not_yaml_booleans(text: str) -> None:
    assert yaml_bool(text) is None
