"""Service networks and top-level networks."""

from __future__ import annotations

from orchconv.ir.loss import Loss
from orchconv.ir.project import Ipam, Network, Project
from orchconv.ir.service import ServiceNetwork
from orchconv.ir.values import Extra
from orchconv.location import Loc
from orchconv.translate.swarm.emit.networks import emit_networks, network_data, top_level_networks
from orchconv.translate.swarm.emit.stack import SwarmEmitOptions, emit_stack
from tests.swarm.helpers import PROJECT, context, lost_paths, run_step, service

DEFAULT = Network(key="default", name=f"{PROJECT}_default")


def test_the_implicit_default_network_is_left_out() -> None:
    svc = service(networks={"default": None})
    ctx = context(Project(name=PROJECT, services={"web": svc}, networks={"default": DEFAULT}))
    out, losses = run_step(emit_networks, svc, ctx)
    assert out == {}
    assert top_level_networks(ctx) == {}
    assert losses == []


def test_a_configured_default_network_is_written() -> None:
    default = Network(key="default", name=f"{PROJECT}_default", attachable=True)
    svc = service(networks={"default": None})
    ctx = context(Project(name=PROJECT, services={"web": svc}, networks={"default": default}))
    out, _ = run_step(emit_networks, svc, ctx)
    assert out == {"networks": {"default": None}}
    assert top_level_networks(ctx) == {"default": {"attachable": True}}


def test_aliases_stay_and_addresses_are_lost() -> None:
    attachment = ServiceNetwork(aliases=("api",), ipv4_address="10.0.0.5",
                                extras={"priority": Extra(10), "driver_opts": Extra({"a": "b"})})
    out, losses = run_step(emit_networks, service(networks={"front": attachment}))
    assert out == {"networks": {"front": {"aliases": ["api"], "driver_opts": {"a": "b"}}}}
    assert lost_paths(losses) == ["services.web.networks.front.ipv4_address",
                                  "services.web.networks.front.priority"]


def test_bridge_becomes_overlay_and_ipam_keeps_subnets() -> None:
    network = Network(key="net", name=f"{PROJECT}_net", driver="bridge",
                      driver_opts={"com.docker.network.bridge.name": "br0"},
                      ipam=Ipam(driver="default", config=(
                          {"subnet": "10.1.0.0/24", "gateway": "10.1.0.1"},)))
    ctx = context(Project(name=PROJECT))
    assert network_data(network, ctx) == {
        "driver": "overlay",
        "ipam": {"driver": "default", "config": [{"subnet": "10.1.0.0/24"}]},
    }
    assert lost_paths(ctx.conversion.losses) == [
        "networks.net.driver", "networks.net.driver_opts", "networks.net.ipam.config[0].gateway"]


def test_names_and_external_networks() -> None:
    ctx = context(Project(name=PROJECT))
    assert network_data(Network(key="edge", name="edge", external=True), ctx) == {
        "external": True}
    assert network_data(Network(key="edge", name="corp", external=True), ctx) == {
        "external": True, "name": "corp"}
    assert network_data(Network(key="back", name="shared"), ctx) == {"name": "shared"}


def test_ipv6_is_lost() -> None:
    ctx = context(Project(name=PROJECT))
    network_data(Network(key="v6", name=f"{PROJECT}_v6", enable_ipv6=True), ctx)
    assert lost_paths(ctx.conversion.losses) == ["networks.v6.enable_ipv6"]


def _attached_with_driver_opts(version: str) -> tuple[dict[str, object], list[Loss]]:
    where = Loc("compose.yaml", 12, 11)
    attachment = ServiceNetwork(extras={"driver_opts": Extra({"com.example.opt": "1"}, where)})
    svc = service(image="x", networks={"front": attachment, "back": attachment})
    project = Project(name=PROJECT, services={"web": svc},
                      networks={"front": Network(key="front", name=f"{PROJECT}_front"),
                                "back": Network(key="back", name=f"{PROJECT}_back")})
    conversion = emit_stack(project, SwarmEmitOptions(stack_version=version))
    return conversion.documents[0].data["services"]["web"], conversion.losses


def test_attachment_driver_opts_are_kept_in_3_13() -> None:
    """docker/cli passes them to the service's network attachment (DriverOpts)."""
    written, losses = _attached_with_driver_opts("3.13")
    assert written["networks"] == {"back": {"driver_opts": {"com.example.opt": "1"}},
                                   "front": {"driver_opts": {"com.example.opt": "1"}}}
    assert [loss.path for loss in losses] == ["name"]


def test_attachment_driver_opts_are_lost_per_network_before_3_13() -> None:
    written, losses = _attached_with_driver_opts("3.12")
    assert written["networks"] == {"back": {}, "front": {}}  # what pruning leaves
    lost = [loss for loss in losses if loss.path != "name"]
    assert [loss.path for loss in lost] == ["services.web.networks.back.driver_opts",
                                            "services.web.networks.front.driver_opts"]
    assert all(loss.loc == Loc("compose.yaml", 12, 11) for loss in lost)
    assert all("version 3.13 has" in loss.reason for loss in lost)
