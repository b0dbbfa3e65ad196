"""stack-long-depends-on: the stack format only has the list form."""

from __future__ import annotations

from orchconv.lint.rules.stack_long_depends_on import StackLongDependsOn, flow_list
from tests.lint.rules.helpers import fixed, run, swarm, where

LONG = """\
services:
  web:
    image: example/web:1.4
    depends_on:
      db:
        condition: service_healthy
      cache:
        condition: service_started
"""


def test_mapping_is_reported_at_the_key() -> None:
    found = swarm(StackLongDependsOn, LONG)
    assert where(found) == [(4, 5)]
    assert "`depends_on` must be a list" in found[0].message


def test_list_form_passes() -> None:
    assert swarm(StackLongDependsOn, "services:\n  web:\n    depends_on: [db]\n") == []


def test_only_for_swarm() -> None:
    assert run(StackLongDependsOn, LONG) == []


def test_fix_writes_the_names_as_a_list() -> None:
    after = fixed(LONG, swarm(StackLongDependsOn, LONG))
    assert after == "services:\n  web:\n    image: example/web:1.4\n    depends_on: [db, cache]\n"
    assert swarm(StackLongDependsOn, after) == []


def test_flow_list_quotes_names_yaml_would_misread() -> None:
    assert flow_list(["db", "1", "true", "a b"]) == '[db, "1", "true", "a b"]'
