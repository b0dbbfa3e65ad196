"""deploy.placement and platform -> node affinity, tolerations, spread constraints."""

from __future__ import annotations

from typing import Any

import pytest

from orchconv.ir.deploy import Deploy, Placement, PlacementPreference
from tests.k8s.helpers import at, emit, find, losses, pod_spec, project, service

SELECTOR = {"app.kubernetes.io/name": "app", "app.kubernetes.io/part-of": "demo"}


def placed(placement: Placement) -> dict[str, Any]:
    result = emit(project(service("app", deploy=Deploy(placement=placement))))
    return pod_spec(find(result, "Deployment", "app"))


def expressions(spec: dict[str, Any]) -> list[dict[str, Any]]:
    required = spec["affinity"]["nodeAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"]
    [term] = required["nodeSelectorTerms"]
    result: list[dict[str, Any]] = term["matchExpressions"]
    return result


@pytest.mark.parametrize(("constraint", "expression"), [
    ("node.labels.disk == ssd", {"key": "disk", "operator": "In", "values": ["ssd"]}),
    ("node.labels.zone!=eu-1", {"key": "zone", "operator": "NotIn", "values": ["eu-1"]}),
    ("node.hostname == n2", {"key": "kubernetes.io/hostname", "operator": "In",
                             "values": ["n2"]}),
    ("node.platform.os == linux", {"key": "kubernetes.io/os", "operator": "In",
                                   "values": ["linux"]}),
    ("node.platform.arch == x86_64", {"key": "kubernetes.io/arch", "operator": "In",
                                      "values": ["amd64"]}),
    ("node.role != manager", {"key": "node-role.kubernetes.io/control-plane",
                              "operator": "DoesNotExist"}),
])
def test_constraints_become_required_node_affinity(constraint: str,
                                                   expression: dict[str, Any]) -> None:
    spec = placed(Placement(constraints=(constraint,)))
    assert expressions(spec) == [expression]
    assert "tolerations" not in spec


def test_managers_are_the_control_plane_and_tolerate_its_taint() -> None:
    spec = placed(Placement(constraints=("node.role == manager",)))
    assert expressions(spec) == [{"key": "node-role.kubernetes.io/control-plane",
                                  "operator": "Exists"}]
    assert spec["tolerations"] == [{"key": "node-role.kubernetes.io/control-plane",
                                    "operator": "Exists", "effect": "NoSchedule"}]


def test_constraints_are_anded_in_one_term() -> None:
    spec = placed(Placement(constraints=("node.labels.a == 1", "node.labels.b == 2")))
    assert [e["key"] for e in expressions(spec)] == ["a", "b"]


@pytest.mark.parametrize("constraint", ["node.id == abc", "engine.labels.os == x",
                                        "nonsense", "node.labels.bad key == x"])
def test_constraints_without_a_node_label_are_losses(constraint: str) -> None:
    placement = Placement(constraints=(constraint,), loc=at(21))
    result = emit(project(service("app", deploy=Deploy(placement=placement))))
    [lost] = losses(result, "services.app.deploy.placement.constraints[0]")
    assert lost.loc == at(21)
    assert "affinity" not in pod_spec(find(result, "Deployment", "app"))


def test_spread_preferences_are_topology_spread_constraints() -> None:
    spec = placed(Placement(preferences=(PlacementPreference("node.labels.zone"),)))
    assert spec["topologySpreadConstraints"] == [
        {"maxSkew": 1, "topologyKey": "zone", "whenUnsatisfiable": "ScheduleAnyway",
         "labelSelector": {"matchLabels": SELECTOR}}]


def test_one_replica_per_node_is_a_required_anti_affinity() -> None:
    spec = placed(Placement(max_replicas_per_node=1))
    assert spec["affinity"] == {"podAntiAffinity": {
        "requiredDuringSchedulingIgnoredDuringExecution": [
            {"labelSelector": {"matchLabels": SELECTOR},
             "topologyKey": "kubernetes.io/hostname"}]}}


def test_more_replicas_per_node_is_an_approximate_spread() -> None:
    placement = Placement(max_replicas_per_node=3, loc=at(22))
    result = emit(project(service("app", deploy=Deploy(placement=placement))))
    spread = pod_spec(find(result, "Deployment", "app"))["topologySpreadConstraints"]
    assert spread == [{"maxSkew": 3, "topologyKey": "kubernetes.io/hostname",
                       "whenUnsatisfiable": "DoNotSchedule",
                       "labelSelector": {"matchLabels": SELECTOR}}]
    [lost] = losses(result, "services.app.deploy.placement.max_replicas_per_node")
    assert lost.loc == at(22)


def test_platform_selects_nodes() -> None:
    result = emit(project(service("app", platform="linux/amd64")))
    assert pod_spec(find(result, "Deployment", "app"))["nodeSelector"] == {
        "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64"}
    assert losses(result, "services.app.platform") == []
