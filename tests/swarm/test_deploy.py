"""deploy, carried key by key."""

from __future__ import annotations

from orchconv.ir.deploy import (
    Deploy,
    DeployMode,
    Device,
    GenericResource,
    Resources,
    ResourceSpec,
)
from orchconv.translate.swarm.emit.deploy import emit_deploy
from tests.swarm.helpers import lost_paths, run_step, service


def test_memory_is_a_size_string_and_cpus_a_decimal() -> None:
    svc = service(deploy=Deploy(resources=Resources(
        limits=ResourceSpec(cpus=0.5, memory=50 * 2**20, pids=10),
        reservations=ResourceSpec(memory=1000, generic_resources=(GenericResource("gpu", 2),)))))
    out, losses = run_step(emit_deploy, svc)
    assert out == {"deploy": {"resources": {
        "limits": {"cpus": "0.5", "memory": "50m", "pids": 10},
        "reservations": {"memory": "1000", "generic_resources": [
            {"discrete_resource_spec": {"kind": "gpu", "value": 2}}]},
    }}}
    assert losses == []


def test_device_reservations_are_lost() -> None:
    svc = service(deploy=Deploy(resources=Resources(
        reservations=ResourceSpec(devices=(Device(capabilities=("gpu",)),)))))
    out, losses = run_step(emit_deploy, svc)
    assert out == {}
    assert lost_paths(losses) == ["services.web.deploy.resources.reservations.devices"]


def test_replicas_of_a_global_service_are_lost() -> None:
    out, losses = run_step(emit_deploy, service(deploy=Deploy(mode=DeployMode.GLOBAL,
                                                              replicas=2)))
    assert out == {"deploy": {"mode": "global"}}
    assert lost_paths(losses) == ["services.web.deploy.replicas"]


def test_untyped_deploy_keys_are_left_to_the_schema() -> None:
    from orchconv.ir.deploy import Placement, PlacementPreference
    from orchconv.ir.project import Project
    from orchconv.ir.service import Service
    from orchconv.ir.values import Extra
    from orchconv.translate.swarm.emit.stack import emit_stack

    deploy = Deploy(extras={"x-note": Extra(1)}, placement=Placement(
        preferences=(PlacementPreference(spread="node.id", extras={"weight": Extra(2)}),)))
    project = Project(name="p", services={"web": Service(name="web", image="x", deploy=deploy)})
    conversion = emit_stack(project)
    assert conversion.documents[0].data["services"]["web"]["deploy"] == {
        "placement": {"preferences": [{"spread": "node.id"}]}}
    assert [loss.path for loss in conversion.losses][1:] == [
        "services.web.deploy.placement.preferences[0].weight", "services.web.deploy.x-note"]
