"""Topologies: our inventory format, kind cluster configs, live clusters."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from orchconv.errors import InputError
from orchconv.ir.topology import NodeRole, Platform
from orchconv.lint.topology import load_topology
from orchconv.lint.topology_live import kubernetes_node, swarm_from_docker, swarm_node
from orchconv.location import Loc
from orchconv.source.yamltree import parse_document
from tests.peers import missing

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def load(text: str) -> object:
    return load_topology("t.yml", parse_document(text, "t.yml"))


def test_seed_inventory() -> None:
    path = EXAMPLES / "swarm-topology" / "inventory.yaml"
    cluster = load_topology("inventory.yaml", parse_document(path.read_text(), "inventory.yaml"))
    assert (cluster.name, cluster.platform) == ("seed-swarm", Platform.SWARM)
    assert [(n.name, n.address, n.roles) for n in cluster.nodes] == [
        ("swarm-manager", "192.168.31.100", (NodeRole.MANAGER,)),
        ("swarm-node1", "192.168.31.101", (NodeRole.WORKER,)),
        ("swarm-node2", "192.168.31.102", (NodeRole.WORKER,)),
        ("swarm-node3", "192.168.31.103", (NodeRole.WORKER,)),
    ]
    assert [n.name for n in cluster.quorum_members] == ["swarm-manager"]
    assert cluster.nodes[1].loc == Loc("inventory.yaml", 8, 5)


def test_kubernetes_inventory_with_labels() -> None:
    cluster = load("platform: kubernetes\nname: k\nnodes:\n"
                   "  - {name: cp, roles: [control-plane, etcd]}\n"
                   "  - {name: w, roles: [worker], labels: {zone: a}}\n")
    assert cluster.nodes[0].roles == (NodeRole.CONTROL_PLANE, NodeRole.ETCD)  # type: ignore[attr-defined]
    assert cluster.nodes[1].labels == {"zone": "a"}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "message", "where"),
    [
        ("platform: nomad\nname: x\nnodes: [{name: a, roles: [worker]}]\n",
         "platform must be 'swarm' or 'kubernetes'", (1, 11)),
        ("platform: swarm\nname: x\nnodes: []\n", "nodes must be a non-empty list", (3, 8)),
        ("platform: swarm\nname: x\nnodes:\n  - name: a\n    roles: [etcd]\n",
         "role 'etcd' is not a swarm role (manager, worker)", (5, 13)),
        ("platform: swarm\nname: x\nnodes:\n  - {name: a, roles: [worker]}\n"
         "  - {name: a, roles: [worker]}\n", "duplicate node name 'a'", (5, 5)),
        ("platform: swarm\nname: x\nnodes:\n  - {name: a, roles: [worker], labels: {n: 1}}\n",
         "label 'n' must have a string value", (4, 44)),
        ("platform: swarm\nname: x\nnodes:\n  - {name: a, role: worker}\n",
         "unknown node key 'role'", (4, 15)),
        ("platform: swarm\nname: x\nnodes:\n  - {name: a}\n",
         "node 'a' needs a non-empty list of roles", (4, 5)),
        ("platform: swarm\nnodes: [{name: a, roles: [worker]}]\n",
         "name must be a non-empty string", (1, 1)),
    ],
)
def test_inventory_errors_are_located(text: str, message: str, where: tuple[int, int]) -> None:
    with pytest.raises(InputError) as raised:
        load(text)
    assert message in raised.value.message
    assert raised.value.loc == Loc("t.yml", *where)


def test_kind_config_nodes_are_named_like_kind_names_them() -> None:
    cluster = load("kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nname: dev\nnodes:\n"
                   "- role: control-plane\n- role: worker\n  labels: {tier: web}\n"
                   "- role: worker\n- {}\n")
    assert cluster.platform is Platform.KUBERNETES  # type: ignore[attr-defined]
    assert [(n.name, n.roles) for n in cluster.nodes] == [  # type: ignore[attr-defined]
        ("dev-control-plane", (NodeRole.CONTROL_PLANE,)),
        ("dev-worker", (NodeRole.WORKER,)),
        ("dev-worker2", (NodeRole.WORKER,)),
        ("dev-control-plane2", (NodeRole.CONTROL_PLANE,)),  # no role: control-plane
    ]
    assert cluster.nodes[1].labels == {"tier": "web"}  # type: ignore[attr-defined]


def test_kind_config_without_nodes_is_one_control_plane() -> None:
    cluster = load("kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n")
    assert [(n.name, n.roles) for n in cluster.nodes] == [  # type: ignore[attr-defined]
        ("kind-control-plane", (NodeRole.CONTROL_PLANE,))]


def test_kind_config_unknown_role() -> None:
    with pytest.raises(InputError, match="unknown node role 'boss'"):
        load("kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: boss\n")


def test_swarm_node_from_docker_node_inspect() -> None:
    node = swarm_node({"ID": "abc", "Description": {"Hostname": "m1"},
                       "Spec": {"Role": "manager", "Labels": {"zone": "a"}},
                       "Status": {"Addr": "10.0.0.1"}})
    assert (node.name, node.roles, node.address, node.labels) == (
        "m1", (NodeRole.MANAGER,), "10.0.0.1", {"zone": "a"})


def test_kubernetes_node_roles_from_labels() -> None:
    control = kubernetes_node({"metadata": {"name": "cp", "labels": {
        "node-role.kubernetes.io/control-plane": ""}}, "status": {"addresses": [
            {"type": "Hostname", "address": "cp"}, {"type": "InternalIP", "address": "10.1.0.2"}]}})
    legacy = kubernetes_node({"metadata": {"name": "m", "labels": {
        "node-role.kubernetes.io/master": ""}}})
    worker = kubernetes_node({"metadata": {"name": "w"}})
    assert (control.roles, control.address) == ((NodeRole.CONTROL_PLANE,), "10.1.0.2")
    assert legacy.roles == (NodeRole.CONTROL_PLANE,)
    assert (worker.roles, worker.address) == ((NodeRole.WORKER,), None)


def _swarm_manager() -> bool:
    if shutil.which("docker") is None:
        return False
    done = subprocess.run(["docker", "info", "--format", "{{json .Swarm}}"],
                          capture_output=True, text=True, check=False, timeout=30)
    if done.returncode != 0:
        return False
    swarm = json.loads(done.stdout or "null") or {}
    return swarm.get("LocalNodeState") == "active" and bool(swarm.get("ControlAvailable"))


@pytest.mark.backend
def test_live_swarm_matches_docker_node_ls() -> None:
    if not _swarm_manager():
        missing("needs a Docker engine that is a swarm manager")
    cluster = swarm_from_docker()
    listed = subprocess.run(["docker", "node", "ls", "--format", "{{json .}}"],
                            capture_output=True, text=True, check=True).stdout.splitlines()
    nodes = [json.loads(line) for line in listed if line.strip()]
    assert cluster.platform is Platform.SWARM
    assert sorted(n.name for n in cluster.nodes) == sorted(n["Hostname"] for n in nodes)
    managers = sorted(n["Hostname"] for n in nodes if n["ManagerStatus"])
    assert sorted(n.name for n in cluster.nodes if NodeRole.MANAGER in n.roles) == managers


@pytest.mark.backend
def test_lint_with_docker_reads_the_live_swarm(tmp_path: Path) -> None:
    if not _swarm_manager():
        missing("needs a Docker engine that is a swarm manager")
    from tests.lint.helpers import run_lint, write

    write(tmp_path, {"c.yml": "services:\n  web:\n    image: nginx:1.27\n"})
    run = run_lint(tmp_path, "--docker", "--select", "syntax", "c.yml")
    assert (run.code, run.err) == (0, "")


def test_docker_and_kubeconfig_together_are_a_usage_error(tmp_path: Path) -> None:
    from tests.lint.helpers import run_lint

    (tmp_path / "kubeconfig").write_text("apiVersion: v1\n")
    run = run_lint(tmp_path, "--docker", "--kubeconfig", "kubeconfig")
    assert run.code == 2 and "choose one" in run.err


def test_unreachable_kubernetes_is_one_line_error(tmp_path: Path) -> None:
    if shutil.which("kubectl") is None:
        missing("needs kubectl")
    from tests.lint.helpers import run_lint

    (tmp_path / "kubeconfig").write_text(
        "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: "
        "'https://127.0.0.1:1'}\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\n"
        "users:\n- name: u\n  user: {}\ncurrent-context: x\n")
    run = run_lint(tmp_path, "--kubeconfig", "kubeconfig", "--select", "syntax")
    assert run.code == 2
    assert run.err.startswith("error: reading the Kubernetes nodes:")
    assert len(run.err.strip().splitlines()) == 1
