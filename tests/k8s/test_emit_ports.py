"""ports and expose -> containerPorts and the Service, its type and its port names."""

from __future__ import annotations

import pytest

from orchconv.ir.deploy import Deploy
from orchconv.ir.service import Port
from orchconv.translate.k8s.emit.names import is_port_name
from tests.k8s.helpers import at, container, emit, find, loss_text, losses, project, service


def svc_spec(*ports: Port, **fields: object) -> dict[str, object]:
    result = emit(project(service("web", ports=ports, **fields)))
    spec: dict[str, object] = find(result, "Service", "web")["spec"]
    return spec


def tcp(target: int, published: str | None = None, **fields: object) -> Port:
    return Port(target=target, published=published, protocol="tcp", mode="ingress",
                **fields)  # type: ignore[arg-type]


def test_published_port_is_the_service_port_and_targets_the_container_port() -> None:
    spec = svc_spec(tcp(80, "8080"))
    assert spec["type"] == "ClusterIP"
    assert spec["ports"] == [
        {"name": "tcp-8080", "port": 8080, "protocol": "TCP", "targetPort": 80},
        {"name": "tcp-80", "port": 80, "protocol": "TCP", "targetPort": 80}]


def test_an_unpublished_port_is_served_on_itself() -> None:
    assert svc_spec(tcp(3000))["ports"] == [
        {"name": "tcp-3000", "port": 3000, "protocol": "TCP", "targetPort": 3000}]


def test_tcp_and_udp_on_the_same_number_share_one_service() -> None:
    spec = svc_spec(tcp(53, "53"), Port(target=53, published="53", protocol="udp"))
    assert {(p["port"], p["protocol"]) for p in spec["ports"]} == {(53, "TCP"),  # type: ignore[attr-defined]
                                                                   (53, "UDP")}


def test_expose_ranges_expand_into_container_and_service_ports() -> None:
    result = emit(project(service("web", expose=("7000-7002/udp", "9000"))))
    ports = container(find(result, "Deployment", "web"))["ports"]
    assert ports == [{"containerPort": n, "protocol": "UDP"} for n in (7000, 7001, 7002)] + [
        {"containerPort": 9000, "protocol": "TCP"}]
    names = [p["name"] for p in find(result, "Service", "web")["spec"]["ports"]]
    assert names == ["udp-7000", "udp-7001", "udp-7002", "tcp-9000"]


def test_a_published_range_for_one_target_uses_its_first_port() -> None:
    result = emit(project(service("web", ports=(tcp(80, "8000-8005", loc=at(6)),))))
    assert find(result, "Service", "web")["spec"]["ports"][0]["port"] == 8000
    range_loss, cluster_loss = losses(result, "services.web.ports[0].published")
    assert range_loss.loc == at(6) and "range" in range_loss.reason
    assert "reachable from inside the cluster only" in cluster_loss.reason


def test_a_published_port_wins_over_a_container_port_of_the_same_number() -> None:
    spec = svc_spec(tcp(8080, "80"), tcp(80, "8080"))
    by_port = {p["port"]: p["targetPort"] for p in spec["ports"]}  # type: ignore[attr-defined]
    assert by_port == {80: 8080, 8080: 80}


def test_host_ip_is_a_loss() -> None:
    result = emit(project(service("web", ports=(tcp(9999, "9999", host_ip="127.0.0.1",
                                                    loc=at(9)),))))
    [lost] = losses(result, "services.web.ports[0].host_ip")
    assert lost.loc == at(9)
    assert "127.0.0.1" in lost.reason


def test_host_mode_is_a_host_port_with_a_warning() -> None:
    port = Port(target=80, published="8080", protocol="tcp", mode="host", host_ip="10.0.0.5")
    result = emit(project(service("web", ports=(port,))))
    assert container(find(result, "Deployment", "web"))["ports"] == [
        {"containerPort": 80, "protocol": "TCP", "hostPort": 8080, "hostIP": "10.0.0.5"}]
    assert any("hostPort 8080" in w for w in result.warnings)
    assert losses(result, "services.web.ports") == []


def test_port_names_and_app_protocol_are_kept_when_valid() -> None:
    spec = svc_spec(tcp(80, "80", name="http", app_protocol="http"),
                    tcp(443, "443", name="Not_Valid", loc=at(3)))
    ports = spec["ports"]
    # a named container port is the Service port's target by its name
    assert ports[0] == {"name": "http", "port": 80, "protocol": "TCP",  # type: ignore[index]
                        "targetPort": "http", "appProtocol": "http"}
    assert ports[1]["name"] == "tcp-443"  # type: ignore[index]


@pytest.mark.parametrize(("label", "value", "expected"), [
    ("kompose.service.type", "nodeport", "NodePort"),
    ("kompose.service.type", "LoadBalancer", "LoadBalancer"),
    ("orchconv.io/service-type", "clusterip", "ClusterIP"),
])
def test_service_type_by_label(label: str, value: str, expected: str) -> None:
    assert svc_spec(tcp(80, "80"), labels={label: value})["type"] == expected


def test_headless_by_label_option_or_dnsrr() -> None:
    assert svc_spec(tcp(80, "80"), labels={"kompose.service.type": "headless"})[
        "clusterIP"] == "None"
    assert svc_spec(tcp(80, "80"), deploy=Deploy(endpoint_mode="dnsrr"))["clusterIP"] == "None"
    result = emit(project(service("web", ports=(tcp(80, "80"),))), service_type="Headless")
    assert find(result, "Service", "web")["spec"]["clusterIP"] == "None"


def test_dnsrr_without_ports_is_a_loss() -> None:
    """Every service without ports gets a headless Service: dnsrr changes nothing in
    the output, so nothing can give it back."""
    result = emit(project(service("agent", deploy=Deploy(endpoint_mode="dnsrr", loc=at(9)))))
    assert find(result, "Service", "agent")["spec"]["clusterIP"] == "None"
    [lost] = losses(result, "services.agent.deploy.endpoint_mode")
    assert (lost.path, lost.loc) == ("services.agent.deploy.endpoint_mode", at(9))
    assert "without ports gets a headless Service anyway" in lost.reason


def test_dnsrr_with_ports_is_headless_without_a_loss() -> None:
    result = emit(project(service("web", ports=(tcp(80, "80"),),
                                  deploy=Deploy(endpoint_mode="dnsrr"))))
    assert find(result, "Service", "web")["spec"]["clusterIP"] == "None"
    assert not losses(result, "services.web.deploy")


def test_a_service_type_label_over_dnsrr_is_a_loss() -> None:
    result = emit(project(service("web", ports=(tcp(80, "80"),),
                                  labels={"kompose.service.type": "nodeport"},
                                  deploy=Deploy(endpoint_mode="dnsrr", loc=at(9)))))
    assert find(result, "Service", "web")["spec"]["type"] == "NodePort"
    assert "NodePort Service, which has a virtual IP" in loss_text(
        result, "services.web.deploy.endpoint_mode")


def test_vip_is_a_cluster_ip_and_without_ports_a_loss() -> None:
    result = emit(project(service("web", ports=(tcp(80, "80"),),
                                  deploy=Deploy(endpoint_mode="vip"))))
    assert "clusterIP" not in find(result, "Service", "web")["spec"]
    assert not losses(result, "services.web.deploy")
    result = emit(project(service("web", deploy=Deploy(endpoint_mode="vip", loc=at(9)))))
    [lost] = losses(result, "services.web.deploy.endpoint_mode")
    assert lost.loc == at(9)
    assert "no ports, so its Service is headless" in lost.reason


def test_our_label_wins_over_komposes() -> None:
    spec = svc_spec(tcp(80, "80"), labels={"kompose.service.type": "nodeport",
                                           "orchconv.io/service-type": "LoadBalancer"})
    assert spec["type"] == "LoadBalancer"


def test_service_type_option() -> None:
    result = emit(project(service("web", ports=(tcp(80, "80"),))), service_type="NodePort")
    assert find(result, "Service", "web")["spec"]["type"] == "NodePort"


def test_node_port_label_needs_one_port() -> None:
    labels = {"kompose.service.type": "nodeport", "kompose.service.nodeport.port": "30080"}
    spec = svc_spec(tcp(80, "8080"), labels=labels)
    assert spec["ports"][0]["nodePort"] == 30080  # type: ignore[index]
    result = emit(project(service("web", ports=(tcp(80), tcp(81)), labels=labels)))
    assert "exactly one port" in loss_text(result, "services.web.labels")


def test_external_traffic_policy_label() -> None:
    labels = {"kompose.service.type": "loadbalancer",
              "kompose.service.external-traffic-policy": "local"}
    assert svc_spec(tcp(80, "80"), labels=labels)["externalTrafficPolicy"] == "Local"
    result = emit(project(service("web", ports=(tcp(80),), labels={
        "kompose.service.external-traffic-policy": "local"})))
    assert "not ClusterIP" in loss_text(result, "services.web.labels")


def test_a_nodeport_label_without_ports_leaves_a_headless_service_and_a_loss() -> None:
    result = emit(project(service("worker", labels={"kompose.service.type": "nodeport"})))
    assert find(result, "Service", "worker")["spec"]["clusterIP"] == "None"
    assert "needs ports" in loss_text(result, "services.worker.labels")


def test_generated_port_names_are_iana_service_names() -> None:
    spec = svc_spec(tcp(65535, "65535"), Port(target=1, protocol="sctp"))
    assert all(is_port_name(p["name"]) for p in spec["ports"])  # type: ignore[attr-defined]
