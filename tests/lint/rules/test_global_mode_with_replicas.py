"""global-mode-with-replicas: docker/cli refuses replicas on a global service."""

from __future__ import annotations

from orchconv.lint.finding import Level
from orchconv.lint.rules.global_mode_with_replicas import GlobalModeWithReplicas
from tests.lint.rules.helpers import fixed, run, swarm, where

GLOBAL = """\
services:
  agent:
    image: example/node-agent:5.2
    deploy:
      mode: global
      replicas: 3
"""


def test_replicas_on_global_is_an_error_at_replicas() -> None:
    found = swarm(GlobalModeWithReplicas, GLOBAL)
    assert where(found) == [(6, 7)]
    assert found[0].level is Level.ERROR


def test_global_job_too() -> None:
    assert len(swarm(GlobalModeWithReplicas, GLOBAL.replace("global", "global-job"))) == 1


def test_replicated_and_empty_replicas_pass() -> None:
    assert swarm(GlobalModeWithReplicas, GLOBAL.replace("global", "replicated")) == []
    assert swarm(GlobalModeWithReplicas, GLOBAL.replace("replicas: 3", "replicas:")) == []


def test_only_for_swarm() -> None:
    assert run(GlobalModeWithReplicas, GLOBAL) == []


def test_fix_removes_replicas() -> None:
    after = fixed(GLOBAL, swarm(GlobalModeWithReplicas, GLOBAL))
    assert after == GLOBAL.replace("      replicas: 3\n", "")
