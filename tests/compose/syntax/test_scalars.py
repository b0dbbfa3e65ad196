"""Durations, byte sizes, Go-printed floats, paths and scalar casts.

Expected values come from compose-go v2.6.0's own tests and from running the real
`docker compose config` (v2.35.1) on the same input.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orchconv.errors import InputError
from orchconv.location import Loc
from orchconv.translate.compose.syntax.durations import duration, format_duration, parse_duration
from orchconv.translate.compose.syntax.golang import format_float, path_clean
from orchconv.translate.compose.syntax.scalars import to_bool, to_float, to_int
from orchconv.translate.compose.syntax.sizes import byte_size

HERE = Loc("compose.yaml", 3, 7)


# --- Go-formatted scalars ---------------------------------------------------------

@pytest.mark.parametrize(("text", "printed"), [
    ("90s", "1m30s"), ("1m30s", "1m30s"), ("1h", "1h0m0s"), ("1.5ms", "1.5ms"),
    ("2d", "48h0m0s"), ("1w", "168h0m0s"), ("0", "0s"), ("500us", "500µs"), ("1.5h", "1h30m0s"),
    ("3h2m1.000000001s", "3h2m1.000000001s"), ("-1m", "-1m0s"), (".5s", "500ms"), ("10ns", "10ns"),
])
def test_durations_print_like_go(text: str, printed: str) -> None:
    assert duration(text, HERE) == printed


@pytest.mark.parametrize("text", ["10", "", "1x", "s", ".", "1h 2m"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(InputError, match="duration"):
        duration(text, HERE)


def test_a_bare_number_is_not_a_duration() -> None:
    with pytest.raises(InputError, match="missing unit"):
        duration(10, HERE)


@given(st.integers(0, 10**15))
def test_duration_text_round_trips(nanos: int) -> None:
    printed = format_duration(nanos)
    assert parse_duration(printed, HERE) == nanos


@pytest.mark.parametrize(("value", "size"), [
    ("1g", 1 << 30), ("1.5g", 1610612736), ("512m", 512 << 20), ("100kb", 102400),
    ("2 GiB", 2 << 30), ("100", 100), ("100b", 100), ("1_000", 1000), (64, 64), (-1, -1),
])
def test_byte_sizes_use_binary_multiples(value: Any, size: int) -> None:
    assert byte_size(value, HERE) == size


@pytest.mark.parametrize("value", ["1x", "-1", "b", "1gg", "1bb", 1.5, True])
def test_bad_byte_sizes(value: Any) -> None:
    with pytest.raises(InputError):
        byte_size(value, HERE)


@pytest.mark.parametrize(("value", "text"), [
    (1.0, "1"), (1.5, "1.5"), (1e6, "1e+06"), (123456.0, "123456"), (1234567.0, "1.234567e+06"),
    (0.0001, "0.0001"), (0.00001, "1e-05"), (-2.5, "-2.5"), (float("inf"), "+Inf"),
])
def test_floats_print_like_go_fmt(value: float, text: str) -> None:
    assert format_float(value) == text


@pytest.mark.parametrize(("path", "clean"), [
    ("/data/", "/data"), ("a//b/./c/", "a/b/c"), ("a/../..", ".."), ("/../x", "/x"),
    ("//x", "/x"), ("", "."),
])
def test_go_path_clean(path: str, clean: str) -> None:
    assert path_clean(path) == clean


def test_casts_follow_compose_go_interpolation() -> None:
    assert to_bool("yes", HERE, "privileged") is True
    assert to_bool("Off", HERE, "privileged") is False
    assert to_int("512", HERE, "cpu_shares") == 512
    assert to_float("1.5", HERE, "cpus") == 1.5
    with pytest.raises(InputError, match="must be a boolean"):
        to_bool("maybe", HERE, "privileged")
