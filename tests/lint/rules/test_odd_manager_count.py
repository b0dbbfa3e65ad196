"""odd-manager-count."""

from __future__ import annotations

from pathlib import Path

import pytest

from orchconv.ir.topology import Cluster, ClusterNode, NodeRole, Platform
from orchconv.lint.context import FileKind, LintContext
from orchconv.lint.engine import parse
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rules.odd_manager_count import OddManagerCount, quorum, tolerance
from orchconv.lint.topology import load_topology
from orchconv.location import Loc

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def lint_topology(text: str, name: str = "inventory.yaml", **options: object) -> list[Finding]:
    documents = parse(text, name)
    cluster = load_topology(name, documents[0].data)
    context = LintContext(name, FileKind.TOPOLOGY, text, documents, cluster=cluster,
                          options={**OddManagerCount.options, **options})
    return list(OddManagerCount().check(context))


def swarm(managers: int, workers: int = 1) -> str:
    nodes = [f"  - {{name: m{i}, roles: [manager]}}\n" for i in range(1, managers + 1)]
    nodes += [f"  - {{name: w{i}, roles: [worker]}}\n" for i in range(1, workers + 1)]
    return "platform: swarm\nname: prod\nnodes:\n" + "".join(nodes)


@pytest.mark.parametrize(("members", "majority", "tolerated"),
                         [(1, 1, 0), (2, 2, 0), (3, 2, 1), (4, 3, 1), (5, 3, 2), (6, 4, 2),
                          (7, 4, 3), (8, 5, 3), (9, 5, 4)])
def test_quorum_arithmetic_matches_the_swarm_admin_guide(members: int, majority: int,
                                                         tolerated: int) -> None:
    assert (quorum(members), tolerance(members)) == (majority, tolerated)


def test_seed_inventory_has_one_manager_a_warning() -> None:
    text = (EXAMPLES / "swarm-topology" / "inventory.yaml").read_text(encoding="utf-8")
    found = lint_topology(text)
    assert [(f.level, f.loc) for f in found] == [(Level.WARNING, Loc("inventory.yaml", 5, 5))]
    assert found[0].message == ("swarm cluster 'seed-swarm' has 1 manager (swarm-manager): a"
                                " quorum of 1 tolerates 0 failures; use 3 or 5 for fault"
                                " tolerance")


@pytest.mark.parametrize("managers", [2, 4, 6, 8])
def test_even_counts_are_errors(managers: int) -> None:
    found = lint_topology(swarm(managers))
    assert [f.level for f in found] == [Level.ERROR]
    assert f"has {managers} managers" in found[0].message
    assert f"as {managers - 1} would; use an odd number" in found[0].message


@pytest.mark.parametrize("managers", [3, 5, 7])
def test_odd_counts_up_to_seven_pass(managers: int) -> None:
    assert lint_topology(swarm(managers)) == []


def test_more_than_seven_is_a_warning_and_the_limit_is_an_option() -> None:
    found = lint_topology(swarm(9))
    assert [f.level for f in found] == [Level.WARNING]
    assert "every change waits for 5 of them; at most 7 are recommended" in found[0].message
    assert lint_topology(swarm(9), max_members=9) == []


def test_no_manager_is_an_error() -> None:
    found = lint_topology(swarm(0, 2))
    assert [f.level for f in found] == [Level.ERROR]
    assert found[0].message == "swarm cluster 'prod' has no manager: nothing can manage it"


def test_kind_config_counts_control_plane_nodes() -> None:
    text = ("kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n"
            "  - role: control-plane\n  - role: control-plane\n  - role: worker\n")
    found = lint_topology(text, "kind.yaml")
    assert found[0].level is Level.ERROR
    assert found[0].message.startswith(
        "kubernetes cluster 'kind' has 2 control-plane nodes (kind-control-plane,"
        " kind-control-plane2)")
    assert found[0].loc == Loc("kind.yaml", 4, 5)
    # no nodes: kind makes one control-plane node
    single = lint_topology("kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n", "kind.yaml")
    assert [f.level for f in single] == [Level.WARNING]


def test_dedicated_etcd_nodes_are_the_members_when_listed() -> None:
    text = ("platform: kubernetes\nname: k\nnodes:\n"
            + "".join(f"  - {{name: cp{i}, roles: [control-plane]}}\n" for i in range(2))
            + "".join(f"  - {{name: e{i}, roles: [etcd]}}\n" for i in range(3)))
    assert lint_topology(text) == []  # 3 etcd members; 2 API servers do not vote


def test_live_cluster_is_checked_with_any_file() -> None:
    nodes = tuple(ClusterNode(f"n{i}", (NodeRole.MANAGER,), loc=Loc(f"<docker node n{i}>"))
                  for i in range(4))
    live = Cluster("swarm", Platform.SWARM, nodes, loc=Loc("<docker>"))
    text = "services:\n  web:\n    image: nginx:1.27\n"
    context = LintContext("compose.yaml", FileKind.COMPOSE, text, parse(text, "compose.yaml"),
                          cluster=live, options=dict(OddManagerCount.options))
    found = list(OddManagerCount().check(context))
    assert [(f.level, f.loc) for f in found] == [(Level.ERROR, Loc("<docker node n0>"))]
    without = LintContext("compose.yaml", FileKind.COMPOSE, text, parse(text, "compose.yaml"))
    assert list(OddManagerCount().check(without)) == []
