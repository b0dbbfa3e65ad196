"""Values that came back differently from manifests (found by test_emit_coverage): each is
now a located loss, read back as written, or a spelling the harness knows to be the same
for compose."""

from __future__ import annotations

from typing import Any

from orchconv.deploy.kubernetes import load_manifests
from orchconv.ir.deploy import Deploy, UpdateConfig
from orchconv.ir.loss import Loss
from orchconv.ir.project import Project
from orchconv.ir.service import Port, ServiceNetwork
from orchconv.translate.result import Conversion
from tests.k8s.helpers import at, emit, find, losses, project, service
from tests.roundtrip.oracle import Difference, differences, is_explained, unexplained


def _read_back(proj: Project, result: Conversion) -> list[Difference]:
    found = load_manifests([d.data for d in result.documents])
    assert found.project is not None
    return unexplained(proj, found.project, "k8s", [*result.losses, *found.losses])


def _loss(path: str) -> Loss:
    return Loss(at(1), path, "k8s", "why")


# 1. network_mode: bridge

def test_network_mode_bridge_is_a_loss_not_the_default_network() -> None:
    for mode in ("bridge", "default"):
        proj = project(service("app", network_mode=mode, locs={"network_mode": at(7)}))
        result = emit(proj)
        [lost] = losses(result, "services.app.network_mode")
        assert lost.loc == at(7)
        assert "predefined bridge network" in lost.reason
        assert "hostNetwork" not in find(result, "Deployment", "app")["spec"]["template"][
            "spec"]
        assert _read_back(proj, result) == []


def test_no_network_mode_is_no_loss() -> None:
    assert losses(emit(project(service("app"))), "services.app.network_mode") == []


# 2. links without an alias

def test_a_link_on_a_shared_network_needs_nothing() -> None:
    proj = project(service("app", links=("db",)), service("db"))
    result = emit(proj)
    assert losses(result, "services.app.links") == []
    assert _read_back(proj, result) == []


def test_a_link_across_networks_or_off_the_project_networks_is_a_loss() -> None:
    apart = project(service("app", links=("db",), networks={"front": ServiceNetwork()}),
                    service("db", networks={"back": ServiceNetwork()}))
    bridged = project(service("app", links=("db",), network_mode="bridge"), service("db"))
    for proj in (apart, bridged):
        result = emit(proj)
        assert [x.path for x in losses(result, "services.app.links")] == [
            "services.app.links[0]"]
        assert _read_back(proj, result) == []


# 3. a port published on its own number

def test_a_port_published_on_its_own_number_is_a_loss_on_a_cluster_ip_service() -> None:
    port = Port(target=53, published="53", protocol="udp", mode="ingress", loc=at(12))
    proj = project(service("app", ports=(port,)))
    result = emit(proj)
    [lost] = losses(result, "services.app.ports[0].published")
    assert lost.loc == at(12)
    assert "NodePort or LoadBalancer" in lost.reason
    assert _read_back(proj, result) == []


def test_a_port_published_on_its_own_number_on_a_node_port_service_comes_back() -> None:
    port = Port(target=80, published="80", protocol="tcp", mode="ingress")
    proj = project(service("app", ports=(port,),
                           labels={"orchconv.io/service-type": "NodePort"}))
    result = emit(proj)
    assert losses(result, "services.app.ports") == []
    assert _read_back(proj, result) == []


def test_a_lost_published_side_explains_the_mode() -> None:
    difference = Difference("services.app.ports[1].mode", "ingress", None)
    assert is_explained(difference, [_loss("services.app.ports[1].published")])
    assert not is_explained(difference, [_loss("services.app.ports[0].published")])
    assert not is_explained(difference, [_loss("services.app.ports[1].target")])


# 4. an unpublished port's app_protocol

def test_the_app_protocol_of_an_unpublished_port_reads_back() -> None:
    port = Port(target=80, protocol="tcp", mode="ingress", app_protocol="http")
    proj = project(service("app", ports=(port,)))
    result = emit(proj)
    found = load_manifests([d.data for d in result.documents])
    assert found.project is not None
    assert [(p.target, p.published, p.app_protocol)
            for p in found.project.services["app"].ports] == [(80, None, "http")]
    assert found.project.services["app"].expose == ()
    assert not [x for x in found.losses if "appProtocol" in x.path]
    assert _read_back(proj, result) == []


# 5. update_config without parallelism

def test_an_unset_update_parallelism_is_one() -> None:
    deploy = Deploy(update_config=UpdateConfig(order="start-first"))
    proj = project(service("app", deploy=deploy))
    result = emit(proj)
    assert find(result, "Deployment", "app")["spec"]["strategy"]["rollingUpdate"] == {
        "maxSurge": 1, "maxUnavailable": 0}
    assert _read_back(proj, result) == []
    other = project(service("app", deploy=Deploy(update_config=UpdateConfig(parallelism=2))))
    assert [d.path for d in differences(proj, other, "k8s")] == [
        "services.app.deploy.update_config.order",
        "services.app.deploy.update_config.parallelism"]


# 6. security_opt spellings

def test_a_colon_in_a_security_option_is_the_engines_old_equals() -> None:
    colon = project(service("app", security_opt=("apparmor:x", "label:type:t")))
    equals = project(service("app", security_opt=("apparmor=x", "label=type:t")))
    assert differences(colon, equals, "k8s") == []
    other = project(service("app", security_opt=("apparmor=y", "label=type:t")))
    assert [d.path for d in differences(colon, other, "k8s")] == [
        "services.app.security_opt[0]"]


def test_an_apparmor_profile_reads_back() -> None:
    proj = project(service("app", security_opt=("apparmor=x",)))
    assert _read_back(proj, emit(proj)) == []


# 7. an empty entrypoint with a command

def test_an_empty_entrypoint_with_a_command_is_that_command_as_entrypoint() -> None:
    proj = project(service("app", entrypoint=(), command=("a", "b")))
    result = emit(proj)
    main: dict[str, Any] = find(result, "Deployment", "app")["spec"]["template"]["spec"][
        "containers"][0]
    assert main["command"] == ["a", "b"] and "args" not in main
    assert _read_back(proj, result) == []
    both = project(service("app", entrypoint=("x",), command=("a",)))
    assert differences(both, project(service("app", entrypoint=("a",))), "k8s") != []


# 8. kompose's service-type label

def test_kompose_service_type_label_is_a_loss_explaining_ours() -> None:
    ports = (Port(target=80, published="8080", protocol="tcp", mode="ingress"),)
    proj = project(service("app", ports=ports, labels={"kompose.service.type": "nodeport"}))
    result = emit(proj)
    assert find(result, "Service", "app")["spec"]["type"] == "NodePort"
    [lost] = losses(result, "services.app.labels.kompose.service.type")
    assert "orchconv.io/service-type" in lost.reason
    assert _read_back(proj, result) == []


def test_our_service_type_label_in_its_own_spelling_reads_back_without_a_loss() -> None:
    ports = (Port(target=80, published="8080", protocol="tcp", mode="ingress"),)
    proj = project(service("app", ports=ports,
                           labels={"orchconv.io/service-type": "LoadBalancer"}))
    result = emit(proj)
    assert losses(result, "services.app.labels") == []
    assert _read_back(proj, result) == []
    lower = project(service("app", ports=ports,
                            labels={"orchconv.io/service-type": "loadbalancer"}))
    assert [x.path for x in losses(emit(lower), "services.app.labels")] == [
        "services.app.labels.orchconv.io/service-type"]
