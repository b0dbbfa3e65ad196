"""restart -> deploy.restart_policy, as docker/cli's convertRestartPolicy reads `restart`."""

from __future__ import annotations

import pytest

from orchconv.ir.deploy import Deploy, RestartPolicy
from orchconv.translate.swarm.emit.deploy import emit_deploy
from orchconv.translate.swarm.emit.restart import emit_restart, restart_policy_for
from tests.swarm.helpers import HERE, lost_paths, run_step, service


@pytest.mark.parametrize(("restart", "policy"), [
    ("no", {"condition": "none"}),
    ("always", {"condition": "any"}),
    ("unless-stopped", {"condition": "any"}),
    ("on-failure", {"condition": "on-failure"}),
    ("on-failure:5", {"condition": "on-failure", "max_attempts": 5}),
    ("on-failure:0", {"condition": "on-failure"}),  # docker/cli: 0 means no limit
    ("always:3", {"condition": "any", "max_attempts": 3}),
])
def test_restart_policies(restart: str, policy: dict[str, object]) -> None:
    assert restart_policy_for(restart) == policy


@pytest.mark.parametrize("restart", ["sometimes", "on-failure:x", "no:3", ""])
def test_values_that_are_no_policy(restart: str) -> None:
    assert restart_policy_for(restart) is None


def test_restart_moves_into_deploy_without_a_loss() -> None:
    out, losses = run_step(emit_restart, service(restart="always"))
    assert out == {"deploy": {"restart_policy": {"condition": "any"}}}
    assert losses == []


def test_a_deploy_restart_policy_wins() -> None:
    svc = service(restart="always", locs={"restart": HERE},
                  deploy=Deploy(restart_policy=RestartPolicy(condition="on-failure")))
    out, _ = run_step(emit_deploy, svc)
    out, losses = run_step(emit_restart, svc, out=out)
    assert out["deploy"]["restart_policy"] == {"condition": "on-failure"}
    assert lost_paths(losses) == ["services.web.restart"]
    assert losses[0].loc == HERE


def test_an_unknown_policy_is_lost_and_writes_nothing() -> None:
    out, losses = run_step(emit_restart, service(restart="sometimes"))
    assert out == {}
    assert lost_paths(losses) == ["services.web.restart"]
