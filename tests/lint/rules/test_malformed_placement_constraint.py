"""malformed-placement-constraint: swarmkit's constraint grammar and node attributes."""

from __future__ import annotations

import pytest

from orchconv.lint.rules.malformed_placement_constraint import (
    Constraint,
    MalformedPlacementConstraint,
    parse_constraint,
)
from tests.lint.rules.helpers import fixed, run, swarm, where


def stack(*constraints: str) -> str:
    items = "".join(f"          - {c}\n" for c in constraints)
    return ("services:\n  db:\n    image: postgres:16\n    deploy:\n      placement:\n"
            f"        constraints:\n{items}")


@pytest.mark.parametrize("text", [
    "node.role == manager", "node.role==worker", "node.role != MANAGER",
    "node.labels.disk == ssd", "engine.labels.operatingsystem==ubuntu-22.04",
    "node.hostname != node-2", "node.platform.os == linux", "node.platform.arch == x86_64",
    "node.id == 2ivku8v2gvtg4", "node.ip == 10.0.0.0/24", "node.ip != 2001:db8::2",
    "NODE.LABELS.zone == a",
])
def test_valid_constraints_pass(text: str) -> None:
    assert swarm(MalformedPlacementConstraint, stack(text)) == []


@pytest.mark.parametrize(("text", "problem"), [
    ("node.role=manager", "a constraint needs `==` or `!=`"),
    ("node.role", "a constraint needs `==` or `!=`"),
    ("node.labels.disk == 'ssd'", "\"'ssd'\" is not a valid constraint value"),
    ("node.labels.a == b=c", "'b=c' is not a valid constraint value"),
    ("node.role!==manager", "'node.role!' is not a valid constraint key"),
    ("n == x", "'n' is not a valid constraint key"),
    ("node.labels.a ==", "'' is not a valid constraint value"),
])
def test_unparseable_constraints_are_refused(text: str, problem: str) -> None:
    found = swarm(MalformedPlacementConstraint, stack(f'"{text}"'))
    assert where(found) == [(7, 13)]
    assert found[0].message.endswith(f"is refused by swarm: {problem}")


@pytest.mark.parametrize(("text", "problem"), [
    ("node.rol == manager", "'node.rol' is not a node attribute"),
    ("node.labels. == x", "'node.labels.' is not a node attribute"),
    ("node.role == managers", "node.role is `manager` or `worker`, never 'managers'"),
    ("node.ip == somehost", "node.ip needs an IP address or a CIDR network"),
])
def test_constraints_that_never_match(text: str, problem: str) -> None:
    found = swarm(MalformedPlacementConstraint, stack(text))
    assert len(found) == 1
    assert problem in found[0].message


def test_parse_follows_swarmkit_operator_order() -> None:
    assert parse_constraint("a.b != c") == Constraint("a.b", "!=", "c")
    assert parse_constraint(" node.role  ==  manager ") == Constraint("node.role", "==",
                                                                        "manager")


def test_interpolated_constraints_and_plain_compose_are_skipped() -> None:
    assert swarm(MalformedPlacementConstraint, stack("node.labels.env == ${ENV}")) == []
    assert run(MalformedPlacementConstraint, stack("node.role=manager")) == []


def test_fix_doubles_a_single_equals() -> None:
    text = stack("node.role=manager", "node.labels.disk == 'ssd'")
    found = swarm(MalformedPlacementConstraint, text)
    assert [f.fix is not None for f in found] == [True, False]
    after = fixed(text, found)
    assert "          - node.role==manager\n" in after
    assert len(swarm(MalformedPlacementConstraint, after)) == 1
