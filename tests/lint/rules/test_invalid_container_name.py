"""invalid-container-name: the engine's name rule, which the schema's pattern misses."""

from __future__ import annotations

import pytest

from orchconv.lint.finding import Level
from orchconv.lint.rules.invalid_container_name import InvalidContainerName
from tests.lint.rules.helpers import run, swarm, where


def named(name: str) -> str:
    return f"services:\n  web:\n    image: a:1\n    container_name: {name}\n"


@pytest.mark.parametrize("name", ['"shop web"', "_web", "-web", "w", "web!", '"ü-web"'])
def test_invalid_names_are_errors_at_the_value(name: str) -> None:
    found = run(InvalidContainerName, named(name))
    assert where(found) == [(4, 21)]
    assert found[0].level is Level.ERROR


@pytest.mark.parametrize("name", ["web", "shop-web_1.a", "0web", "${PREFIX}-web"])
def test_valid_and_interpolated_names_pass(name: str) -> None:
    assert run(InvalidContainerName, named(name)) == []


def test_not_for_swarm() -> None:
    assert swarm(InvalidContainerName, named('"shop web"')) == []
