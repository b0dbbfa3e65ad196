"""The k8s emitter's quantities use integer arithmetic on decimal strings
(emit/quantities.py); they must agree with exact rational and decimal arithmetic."""

from __future__ import annotations

import math
from decimal import ROUND_CEILING, Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orchconv.translate.k8s.emit.quantities import (
    byte_size,
    cpu_quantity,
    exact_decimal,
    whole_seconds,
)

UNITS = {"ns": Fraction(1, 10**9), "us": Fraction(1, 10**6), "µs": Fraction(1, 10**6),
         "ms": Fraction(1, 1000), "s": Fraction(1), "m": Fraction(60), "h": Fraction(3600)}
decimals = st.builds(
    lambda whole, fraction, dot: f"{whole}.{fraction}" if dot else f"{whole}",
    st.integers(0, 10**6), st.integers(0, 10**9).map(str), st.booleans())


@given(st.lists(st.tuples(decimals, st.sampled_from(sorted(UNITS))), min_size=1, max_size=4),
       st.integers(0, 5))
def test_whole_seconds_are_the_exact_ceiling(parts: list[tuple[str, str]], minimum: int) -> None:
    text = "".join(number + unit for number, unit in parts)
    seconds = sum((Fraction(number) * UNITS[unit] for number, unit in parts), Fraction(0))
    whole = max(math.ceil(seconds), minimum)
    assert whole_seconds(text, minimum) == (whole, whole == seconds)


@given(st.decimals(min_value=Decimal("0.0000001"), max_value=Decimal(10**6), places=7))
def test_cpu_quantities_round_up_to_a_millicore(cpus: Decimal) -> None:
    millis = int((cpus * 1000).to_integral_value(rounding=ROUND_CEILING))
    exact = Decimal(millis) == cpus * 1000
    expected = str(millis // 1000) if millis % 1000 == 0 else f"{millis}m"
    assert cpu_quantity(str(cpus)) == (expected, exact)


@pytest.mark.parametrize(("cpus", "quantity"), [
    ("0.5", ("500m", True)), (0.25, ("250m", True)), ("2", ("2", True)),
    ("1e-3", ("1m", True)), ("1.5E+1", ("15", True)), ("0.0001", ("1m", False)),
    (" 1.25 ", ("1250m", True)), ("0", None), ("-1", None), ("NaN", None),
    ("Infinity", None), ("one", None), ("1e99999", None), (".", None), ("", None),
])
def test_cpu_quantity_forms(cpus: str | float, quantity: tuple[str, bool] | None) -> None:
    assert cpu_quantity(cpus) == quantity


@pytest.mark.parametrize(("text", "seconds"), [
    ("0", (0, True)), ("+0", (0, True)), ("1m30s", (90, True)), ("1.5s", (2, False)),
    ("500ms", (1, False)), ("2h", (7200, True)), (".5s", (1, False)), ("10", None),
    ("1x", None), ("-1s", None), ("", None),
])
def test_whole_seconds_forms(text: str, seconds: tuple[int, bool] | None) -> None:
    assert whole_seconds(text) == seconds


@given(decimals, st.sampled_from(["", "k", "m", "g", "kb", "MB", "GiB", "t", "p"]))
def test_byte_sizes_truncate_as_int_of_the_exact_product(number: str, unit: str) -> None:
    factor = 1 << (10 * "kmgtp".index(unit[0].lower()) + 10) if unit else 1
    assert byte_size(f"{number}{unit}") == int(Fraction(number) * factor)


def test_exact_decimal_reads_signs_points_and_exponents() -> None:
    assert exact_decimal("-1.50") == (-150, 2)
    assert exact_decimal(".5") == (5, 1)
    assert exact_decimal("5.") == (5, 0)
    assert exact_decimal("2e3") == (2000, 0)
    assert exact_decimal("25e-3") == (25, 3)
    assert exact_decimal("1e65") is None
    assert exact_decimal("e5") is None
