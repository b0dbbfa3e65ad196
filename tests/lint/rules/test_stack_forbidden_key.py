"""stack-forbidden-key: the keys docker/cli refuses in a stack file."""

from __future__ import annotations

from orchconv.lint.finding import Level
from orchconv.lint.rules.stack_forbidden_key import StackForbiddenKey
from tests.lint.rules.helpers import run, swarm, where

STACK = """\
version: "3.8"
services:
  api:
    image: example/api:2.1
    mem_limit: 512m
    cpu_shares: 512
  worker:
    extends: {service: api}
    volumes_from: [api]
"""


def test_every_forbidden_key_is_an_error_at_the_key() -> None:
    found = swarm(StackForbiddenKey, STACK)
    assert where(found) == [(5, 5), (6, 5), (8, 5), (9, 5)]
    assert {f.level for f in found} == {Level.ERROR}
    assert found[0].message == ("service 'api': `mem_limit` is refused by docker stack deploy;"
                                " use deploy.resources.limits.memory")
    assert "extends" in found[2].message


def test_allowed_keys_pass() -> None:
    ok = "services:\n  api:\n    image: a:1\n    deploy: {resources: {limits: {memory: 1G}}}\n"
    assert swarm(StackForbiddenKey, ok) == []


def test_only_for_swarm() -> None:
    assert run(StackForbiddenKey, STACK) == []
    assert len(run(StackForbiddenKey, STACK, target="swarm")) == 4
    assert run(StackForbiddenKey, STACK, target="k8s") == []
