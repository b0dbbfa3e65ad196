"""Keys docker stack deploy ignores: lost, except network_mode host."""

from __future__ import annotations

import pytest

from orchconv.ir.project import Network, Project
from orchconv.ir.service import DeviceMapping
from orchconv.ir.values import Extra
from orchconv.location import Loc
from orchconv.translate.swarm.emit.unsupported import emit_unsupported
from orchconv.translate.swarm.properties import DEPRECATED, UNSUPPORTED
from tests.swarm.helpers import PROJECT, context, lost_paths, run_step, service

# each unsupported or deprecated key with a value, as the IR holds it
SET_VALUES: dict[str, object] = {
    "cgroup_parent": "m-executor",
    "devices": (DeviceMapping(source="/dev/ttyUSB0"),),
    "domainname": "example.com",
    "external_links": ("redis_1",),
    "ipc": "host",
    "links": ("db",),
    "pid": "host",
    "privileged": True,
    "security_opt": ("label:disable",),
    "userns_mode": "host",
    "container_name": "web-1",
    "expose": ("3000",),
}
EXTRAS = ("cgroupns_mode", "mac_address", "oom_score_adj")


@pytest.mark.parametrize("key", sorted(SET_VALUES))
def test_each_key_is_lost(key: str) -> None:
    out, losses = run_step(emit_unsupported, service(**{key: SET_VALUES[key]}))
    assert out == {}
    assert lost_paths(losses) == [f"services.web.{key}"]


@pytest.mark.parametrize("key", EXTRAS)
def test_untyped_keys_are_lost(key: str) -> None:
    _, losses = run_step(emit_unsupported, service(extras={key: Extra("x")}))
    assert lost_paths(losses) == [f"services.web.{key}"]


def test_every_docker_key_has_a_home() -> None:
    """Each key of docker/cli's lists is handled by some emit step."""
    from orchconv.translate.swarm.emit.service import HANDLED

    assert set(UNSUPPORTED) <= HANDLED
    assert set(DEPRECATED) <= HANDLED


def test_host_mode_joins_the_node_host_network() -> None:
    svc = service(network_mode="host")
    ctx = context(Project(name=PROJECT, services={"web": svc}))
    out, losses = run_step(emit_unsupported, svc, ctx)
    assert out == {"networks": {"host": None}}
    assert ctx.added_networks == {"host": {"external": True}}
    assert losses == []


def test_none_mode_is_lost_where_it_was_written() -> None:
    """Swarm has no `none` network for services: `docker stack deploy` fails with
    "network none not found", so nothing is written for it."""
    where = Loc("compose.yaml", 7, 5)
    svc = service(network_mode="none", locs={"network_mode": where})
    ctx = context(Project(name=PROJECT, services={"web": svc}))
    out, losses = run_step(emit_unsupported, svc, ctx)
    assert out == {}
    assert ctx.added_networks == {}
    [loss] = losses
    assert (loss.path, loss.loc, loss.target) == ("services.web.network_mode", where, "swarm")
    assert "without networking" in loss.reason
    assert "no `none` network" in loss.reason


def test_oom_score_adj_is_lost_where_it_was_written() -> None:
    """docker/cli's 3.13 schema takes oom_score_adj, but `docker stack deploy` (docker 28)
    never sets it on the service: it must not be written as if it were kept."""
    where = Loc("compose.yaml", 9, 20)
    _, losses = run_step(emit_unsupported, service(extras={"oom_score_adj": Extra(-500, where)}))
    [loss] = losses
    assert (loss.path, loss.loc) == ("services.web.oom_score_adj", where)
    assert "never sets it on the service" in loss.reason


def test_an_existing_external_host_network_is_reused() -> None:
    svc = service(network_mode="host")
    project = Project(name=PROJECT, services={"web": svc},
                      networks={"hostnet": Network(key="hostnet", name="host", external=True)})
    ctx = context(project)
    out, _ = run_step(emit_unsupported, svc, ctx)
    assert out == {"networks": {"hostnet": None}}
    assert ctx.added_networks == {}


def test_a_taken_key_gets_another_one() -> None:
    svc = service(network_mode="host")
    project = Project(name=PROJECT, services={"web": svc},
                      networks={"host": Network(key="host", name=f"{PROJECT}_host")})
    ctx = context(project)
    out, _ = run_step(emit_unsupported, svc, ctx)
    assert out == {"networks": {"host_2": None}}
    assert ctx.added_networks == {"host_2": {"external": True, "name": "host"}}


def test_the_older_external_name_form_before_3_5() -> None:
    svc = service(network_mode="host")
    project = Project(name=PROJECT, services={"web": svc},
                      networks={"host": Network(key="host", name=f"{PROJECT}_host")})
    ctx = context(project, stack_version="3.4")
    run_step(emit_unsupported, svc, ctx)
    assert ctx.added_networks == {"host_2": {"external": {"name": "host"}}}


@pytest.mark.parametrize("mode", ["bridge", "none", "service:db", "container:abc"])
def test_other_network_modes_are_lost(mode: str) -> None:
    out, losses = run_step(emit_unsupported, service(network_mode=mode))
    assert out == {}
    assert lost_paths(losses) == ["services.web.network_mode"]
