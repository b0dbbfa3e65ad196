"""Forbidden and service-level resource keys -> deploy.resources, or a loss."""

from __future__ import annotations

import pytest

from orchconv.ir.deploy import Deploy, Resources, ResourceSpec
from orchconv.ir.values import Extra
from orchconv.translate.swarm.emit.deploy import emit_deploy
from orchconv.translate.swarm.emit.forbidden import emit_forbidden
from orchconv.translate.swarm.properties import FORBIDDEN
from tests.swarm.helpers import lost_paths, run_step, service


def test_resources_move_into_deploy() -> None:
    svc = service(mem_limit=512 * 2**20, mem_reservation=128 * 2**20, cpus=1.5, pids_limit=100)
    out, losses = run_step(emit_forbidden, svc)
    assert out == {"deploy": {"resources": {
        "limits": {"memory": "512m", "cpus": "1.5", "pids": 100},
        "reservations": {"memory": "128m"},
    }}}
    assert losses == []


def test_deploy_resources_win_over_service_keys() -> None:
    svc = service(mem_limit=2**30, deploy=Deploy(resources=Resources(
        limits=ResourceSpec(memory=256 * 2**20))))
    out, _ = run_step(emit_deploy, svc)
    out, losses = run_step(emit_forbidden, svc, out=out)
    assert out["deploy"]["resources"]["limits"]["memory"] == "256m"
    assert lost_paths(losses) == ["services.web.mem_limit"]


def test_equal_values_are_no_loss() -> None:
    svc = service(cpus=0.5, deploy=Deploy(resources=Resources(limits=ResourceSpec(cpus=0.5))))
    out, _ = run_step(emit_deploy, svc)
    _, losses = run_step(emit_forbidden, svc, out=out)
    assert losses == []


@pytest.mark.parametrize(("quota", "period", "cpus"), [
    (50000, None, "0.5"), (150000, 100000, "1.5"), (25000, 50000, "0.5"),
])
def test_cpu_quota_becomes_a_cpu_limit(quota: int, period: int | None, cpus: str) -> None:
    extras = {"cpu_quota": Extra(quota)}
    if period is not None:
        extras["cpu_period"] = Extra(period)
    out, losses = run_step(emit_forbidden, service(extras=extras))
    assert out == {"deploy": {"resources": {"limits": {"cpus": cpus}}}}
    assert losses == []


def test_cpu_quota_next_to_cpus_is_lost() -> None:
    out, losses = run_step(emit_forbidden, service(cpus=2.0, extras={"cpu_quota": Extra(1000)}))
    assert out["deploy"]["resources"]["limits"] == {"cpus": "2"}
    assert lost_paths(losses) == ["services.web.cpu_quota"]


@pytest.mark.parametrize("key", ["cpu_shares", "cpuset", "memswap_limit", "volume_driver",
                                 "extends"])
def test_keys_without_a_swarm_equivalent_are_lost(key: str) -> None:
    out, losses = run_step(emit_forbidden, service(extras={key: Extra("1")}))
    assert out == {}
    assert lost_paths(losses) == [f"services.web.{key}"]


def test_volumes_from_is_lost() -> None:
    _, losses = run_step(emit_forbidden, service(volumes_from=("db",)))
    assert lost_paths(losses) == ["services.web.volumes_from"]


def test_every_forbidden_key_has_a_home() -> None:
    from orchconv.translate.swarm.emit.service import HANDLED

    assert set(FORBIDDEN) <= HANDLED


def test_cpu_period_goes_with_a_quota_that_is_lost() -> None:
    svc = service(cpus=1.0, extras={"cpu_quota": Extra(5000), "cpu_period": Extra(10000)})
    _, losses = run_step(emit_forbidden, svc)
    assert lost_paths(losses) == ["services.web.cpu_quota", "services.web.cpu_period"]


def test_cpu_period_alone_is_lost() -> None:
    _, losses = run_step(emit_forbidden, service(extras={"cpu_period": Extra(10000)}))
    assert lost_paths(losses) == ["services.web.cpu_period"]
