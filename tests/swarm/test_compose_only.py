"""Compose keys no stack file has: scale -> replicas, the rest lost."""

from __future__ import annotations

import pytest

from orchconv.ir.deploy import Deploy, DeployMode
from orchconv.translate.swarm.emit.compose_only import emit_compose_only
from tests.swarm.helpers import lost_paths, run_step, service


def test_scale_becomes_replicas() -> None:
    out, losses = run_step(emit_compose_only, service(scale=3))
    assert out == {"deploy": {"replicas": 3}}
    assert losses == []


def test_scale_of_a_global_service_is_lost() -> None:
    out, losses = run_step(emit_compose_only,
                           service(scale=3, deploy=Deploy(mode=DeployMode.GLOBAL)))
    assert out == {}
    assert lost_paths(losses) == ["services.web.scale"]


@pytest.mark.parametrize(("key", "value"), [
    ("profiles", ("debug",)), ("annotations", {"a": "b"}), ("group_add", ("mail",)),
    ("platform", "linux/arm64"), ("pull_policy", "always"), ("dns_opt", ("use-vc",)),
])
def test_keys_without_a_stack_form_are_lost(key: str, value: object) -> None:
    out, losses = run_step(emit_compose_only, service(**{key: value}))
    assert out == {}
    assert lost_paths(losses) == [f"services.web.{key}"]
