"""Services -> ports (published) or expose, by type, on the services they select."""

from __future__ import annotations

from pathlib import Path

from orchconv.ir.service import Port
from tests.k8s.load_support import deployment, load_text, only, reasons

WEB = ("        - name: web\n          image: app:1\n"
       "          ports: [{containerPort: 8080, name: http}, {containerPort: 9000}]\n")


def service(spec: str, name: str = "web") -> str:
    return f"---\napiVersion: v1\nkind: Service\nmetadata: {{name: {name}}}\nspec:\n{spec}"


def test_cluster_ip_ports_are_never_published_and_a_renumbering_is_a_loss(
        tmp_path: Path) -> None:
    text = deployment(WEB) + service("  selector: {app: web}\n"
                                     "  ports: [{port: 80, targetPort: http}, {port: 9000}]\n")
    result = load_text(tmp_path, text)
    web = only(result)
    # the named container port keeps its name in a port entry with no published side
    assert web.ports == (Port(name="http", mode="ingress", target=8080, protocol="tcp"),)
    assert web.expose == ("9000",)
    reason = reasons(result)["Service/web.spec.ports[0].port"]
    assert "8080" in reason and "80" in reason


def test_node_port_publishes_and_keeps_its_type_as_a_label(tmp_path: Path) -> None:
    text = deployment(WEB) + service("  type: NodePort\n  selector: {app: web}\n"
                                     "  ports: [{port: 8080, nodePort: 30080}]\n")
    web = only(load_text(tmp_path, text))
    assert web.ports == (Port(name="http", mode="ingress", target=8080, published="8080",
                              protocol="tcp"),)
    assert web.labels == {"orchconv.io/service-type": "NodePort",
                          "kompose.service.nodeport.port": "30080"}
    assert web.expose == ("9000",)  # declared, no Service carries it: reachable inside


def test_a_service_named_otherwise_is_a_network_alias(tmp_path: Path) -> None:
    text = deployment(WEB) + service("  selector: {app: web}\n  ports: [{port: 9000}]\n",
                                     name="frontend")
    networks = only(load_text(tmp_path, text)).networks
    settings = networks["default"]
    assert settings is not None and settings.aliases == ("frontend",)


def test_headless_with_ports_is_dns_round_robin(tmp_path: Path) -> None:
    text = deployment(WEB) + service("  clusterIP: None\n  selector: {app: web}\n"
                                     "  ports: [{port: 9000}]\n")
    deploy = only(load_text(tmp_path, text)).deploy
    assert deploy is not None and deploy.endpoint_mode == "dnsrr"


def test_host_ports_are_published_in_host_mode(tmp_path: Path) -> None:
    containers = ("        - name: web\n          image: app:1\n"
                  "          ports: [{containerPort: 53, hostPort: 53, protocol: UDP}]\n")
    web = only(load_text(tmp_path, deployment(containers)))
    assert web.ports == (Port(mode="host", target=53, published="53", protocol="udp"),)


def test_services_selecting_nothing_are_losses(tmp_path: Path) -> None:
    text = deployment(WEB) + service("  selector: {app: other}\n  ports: [{port: 1}]\n",
                                     name="lost") + service(
        "  type: ExternalName\n  externalName: db.example.com\n", name="ext")
    result = load_text(tmp_path, text)
    assert reasons(result)["Service/lost"] == ("the Service selects no workload among the "
                                               "inputs")
    assert "ExternalName" in reasons(result)["Service/ext.spec"]


def test_the_app_protocol_of_a_host_port_comes_back(tmp_path: Path) -> None:
    """The emitter writes a host-mode port as a hostPort and a Service port with its
    appProtocol; both make one compose port again."""
    containers = ("        - name: web\n          image: app:1\n"
                  "          ports: [{containerPort: 50051, hostPort: 29101, name: grpc}]\n")
    text = deployment(containers) + service(
        "  selector: {app: web}\n"
        "  ports: [{name: grpc, port: 29101, targetPort: 50051, appProtocol: grpc}]\n")
    result = load_text(tmp_path, text)
    assert only(result).ports == (Port(name="grpc", mode="host", target=50051,
                                       published="29101", protocol="tcp",
                                       app_protocol="grpc"),)
    assert not [x for x in result.losses if "appProtocol" in x.path]


def test_the_app_protocol_of_a_published_port_comes_back(tmp_path: Path) -> None:
    text = deployment(WEB) + service(
        "  selector: {app: web}\n  ports: [{port: 80, targetPort: http, appProtocol: http}]\n")
    assert only(load_text(tmp_path, text)).ports[0].app_protocol == "http"


def test_the_app_protocol_of_an_unpublished_port_comes_back(tmp_path: Path) -> None:
    """A port kept at its number is `expose`, which has no room for an appProtocol: with
    one it is a compose port without a published side, as the emitter writes it."""
    text = deployment(WEB) + service(
        "  selector: {app: web}\n  ports: [{port: 9000, appProtocol: http}]\n")
    result = load_text(tmp_path, text)
    assert "9000" not in only(result).expose
    assert Port(mode="ingress", target=9000, protocol="tcp",
                app_protocol="http") in only(result).ports
    assert not [x for x in result.losses if "appProtocol" in x.path]
