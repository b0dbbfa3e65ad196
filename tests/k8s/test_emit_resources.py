"""deploy.resources, cpus, mem_limit and mem_reservation -> limits and requests."""

from __future__ import annotations

from orchconv.ir.deploy import Deploy, Device, GenericResource, Resources, ResourceSpec
from tests.k8s.helpers import at, container, emit, find, losses, project, service

MI = 1 << 20


def resources_of(**fields: object) -> dict[str, object]:
    result = emit(project(service("app", **fields)))
    found: dict[str, object] = container(find(result, "Deployment", "app")).get("resources", {})
    return found


def test_limits_and_reservations_become_limits_and_requests() -> None:
    deploy = Deploy(resources=Resources(limits=ResourceSpec(cpus=1.5, memory=512 * MI),
                                        reservations=ResourceSpec(cpus=0.25, memory=64 * MI)))
    assert resources_of(deploy=deploy) == {"limits": {"cpu": "1500m", "memory": "512Mi"},
                                           "requests": {"cpu": "250m", "memory": "64Mi"}}


def test_whole_cpus_and_odd_byte_counts() -> None:
    deploy = Deploy(resources=Resources(limits=ResourceSpec(cpus=2, memory=1000)))
    assert resources_of(deploy=deploy) == {"limits": {"cpu": "2", "memory": "1000"}}


def test_service_level_keys_fill_in() -> None:
    assert resources_of(cpus=0.5, mem_limit=1 << 30, mem_reservation=128 * MI) == {
        "limits": {"cpu": "500m", "memory": "1Gi"}, "requests": {"memory": "128Mi"}}


def test_deploy_wins_over_service_level_keys() -> None:
    deploy = Deploy(resources=Resources(limits=ResourceSpec(cpus=1, memory=256 * MI)))
    result = emit(project(service("app", cpus=0.5, mem_limit=512 * MI, deploy=deploy)))
    assert container(find(result, "Deployment", "app"))["resources"] == {
        "limits": {"cpu": "1", "memory": "256Mi"}}
    assert losses(result, "services.app.cpus")
    assert losses(result, "services.app.mem_limit")


def test_cpu_finer_than_a_millicore_rounds_up_with_a_loss() -> None:
    result = emit(project(service("app", cpus=0.0001)))
    assert container(find(result, "Deployment", "app"))["resources"]["limits"]["cpu"] == "1m"
    assert losses(result, "services.app.cpus")


def test_pids_devices_and_generic_resources_are_losses() -> None:
    spec = ResourceSpec(pids=50, devices=(Device(capabilities=("gpu",), count=1),),
                        generic_resources=(GenericResource("fpga", 2),), loc=at(12))
    result = emit(project(service("app", deploy=Deploy(resources=Resources(reservations=spec)))))
    paths = {x.path for x in losses(result, "services.app.deploy.resources")}
    assert paths == {"services.app.deploy.resources.reservations.pids",
                     "services.app.deploy.resources.reservations.devices[0]",
                     "services.app.deploy.resources.reservations.generic_resources[0]"}
    assert all(x.loc == at(12) for x in losses(result, "services.app.deploy.resources"))


def test_no_resources_no_field() -> None:
    assert resources_of() == {}


def test_pids_limit_and_limits_pids_are_located_losses() -> None:
    """Both spellings of a PID limit (the round-trip harness files pids_limit under
    deploy.resources.limits.pids, and relates the loss to it)."""
    limits = ResourceSpec(pids=100, loc=at(21))
    result = emit(project(service("app", pids_limit=200, locs={"pids_limit": at(11)},
                                  deploy=Deploy(resources=Resources(limits=limits)))))
    assert "resources" not in container(find(result, "Deployment", "app"))
    [service_level] = losses(result, "services.app.pids_limit")
    assert service_level.loc == at(11)
    assert "kubelet podPidsLimit" in service_level.reason
    [deploy_level] = losses(result, "services.app.deploy.resources.limits.pids")
    assert deploy_level.loc == at(21)
    assert "kubelet podPidsLimit" in deploy_level.reason
