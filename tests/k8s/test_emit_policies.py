"""networks -> NetworkPolicies (opt-in), and what networks lose without them."""

from __future__ import annotations

from orchconv.ir.project import Ipam, Network, Project
from orchconv.ir.service import Port, ServiceNetwork
from tests.k8s.helpers import at, emit, find, losses, objects, project, service


def two_networks() -> Project:
    return project(
        service("web", networks={"front": None, "back": None},
                ports=(Port(target=80, published="8080", protocol="tcp"),), expose=("9090",)),
        service("db", networks={"back": ServiceNetwork()}),
        service("proxy", networks={"front": None}),
        networks={"front": None, "back": None})


def test_pods_are_labelled_with_their_networks() -> None:
    result = emit(two_networks(), network_policies=True)
    labels = find(result, "Deployment", "web")["spec"]["template"]["metadata"]["labels"]
    assert labels["orchconv.io/network-front"] == "true"
    assert labels["orchconv.io/network-back"] == "true"


def test_one_policy_per_network_admits_its_members() -> None:
    result = emit(two_networks(), network_policies=True)
    back = find(result, "NetworkPolicy", "back-network")
    members = {"orchconv.io/network-back": "true", "app.kubernetes.io/part-of": "demo"}
    assert back["apiVersion"] == "networking.k8s.io/v1"
    assert back["spec"] == {"podSelector": {"matchLabels": members},
                            "policyTypes": ["Ingress"],
                            "ingress": [{"from": [{"podSelector": {"matchLabels": members}}]}]}


def test_published_ports_stay_open_to_everyone_but_exposed_ones_do_not() -> None:
    result = emit(two_networks(), network_policies=True)
    published = find(result, "NetworkPolicy", "web-published")
    assert published["spec"]["ingress"] == [{"ports": [{"port": 80, "protocol": "TCP"}]}]
    assert {p["metadata"]["name"] for p in objects(result, "NetworkPolicy")} == {
        "back-network", "front-network", "web-published"}


def test_policies_come_last() -> None:
    result = emit(two_networks(), network_policies=True)
    kinds = [d.data["kind"] for d in result.documents]
    assert kinds[-3:] == ["NetworkPolicy"] * 3


def test_without_policies_isolation_is_lost_but_one_network_loses_nothing() -> None:
    result = emit(two_networks())
    assert objects(result, "NetworkPolicy") == []
    assert losses(result, "services.web.networks")
    single = emit(project(service("a", networks={"default": None}),
                          service("b", networks={"default": None})))
    assert losses(single, "services.a.networks") == []


def test_aliases_and_fixed_addresses_are_losses() -> None:
    attachment = ServiceNetwork(aliases=("api",), ipv4_address="172.16.1.11")
    result = emit(project(service("web", networks={"net": attachment},
                                  locs={"networks": at(12)})))
    lost = losses(result, "services.web.networks.net")
    assert {x.path for x in lost} == {"services.web.networks.net.aliases",
                                      "services.web.networks.net.ipv4_address"}
    assert all(x.loc == at(12) for x in lost)


def test_top_level_network_settings_are_losses() -> None:
    network = Network(key="mybridge", driver="bridge", internal=True,
                      ipam=Ipam(driver="default", config=({"subnet": "172.16.1.0/24"},)),
                      loc=at(44))
    result = emit(project(service("web", networks={"mybridge": None}),
                          networks={"mybridge": network}))
    assert {x.path for x in losses(result, "networks.mybridge")} == {
        "networks.mybridge.driver", "networks.mybridge.ipam", "networks.mybridge.internal"}


def test_an_explicit_false_on_a_network_is_lost_too() -> None:
    network = Network(key="v4only", enable_ipv6=False, loc=at(45))
    result = emit(project(service("web", networks={"v4only": None}),
                          networks={"v4only": network}))
    [lost] = losses(result, "networks.v4only")
    assert (lost.path, lost.loc) == ("networks.v4only.enable_ipv6", at(45))
