"""privileged-container."""

from __future__ import annotations

from orchconv.lint.rules.privileged_container import PrivilegedContainer
from tests.lint.rules.helpers import run, swarm, where

PRIVILEGED = "services:\n  monitor:\n    image: a:1\n    privileged: true\n"


def test_privileged_is_reported_at_the_key() -> None:
    found = run(PrivilegedContainer, PRIVILEGED)
    assert where(found) == [(4, 5)]
    assert found[0].message.startswith("service 'monitor' runs privileged")


def test_false_and_absent_pass() -> None:
    assert run(PrivilegedContainer, PRIVILEGED.replace("true", "false")) == []
    assert run(PrivilegedContainer, "services:\n  a:\n    image: a:1\n") == []


def test_swarm_ignores_the_key() -> None:
    assert swarm(PrivilegedContainer, PRIVILEGED) == []
