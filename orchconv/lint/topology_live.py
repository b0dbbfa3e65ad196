"""Cluster topologies read from running clusters: a Docker swarm or a Kubernetes API.

- `--docker`: the swarm the local Docker engine manages (`docker info`,
  `docker node ls`, `docker node inspect`); the engine must be a manager.
- `--kubeconfig FILE` / `--context NAME`: the nodes of a Kubernetes cluster,
  through `kubectl get nodes -o json` or, without kubectl, the `kubernetes`
  Python client (imported only here).

Commands run with a timeout and their failures become one-line InputErrors.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from orchconv.errors import InputError
from orchconv.ir.topology import Cluster, ClusterNode, NodeRole, Platform
from orchconv.location import Loc

TIMEOUT_SECONDS = 30
CONTROL_PLANE_LABELS = ("node-role.kubernetes.io/control-plane", "node-role.kubernetes.io/master")
ETCD_LABEL = "node-role.kubernetes.io/etcd"


def _run(command: Sequence[str], what: str) -> str:
    if shutil.which(command[0]) is None:
        raise InputError(f"{what}: `{command[0]}` is not installed")
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS,
                              check=False)
    except subprocess.TimeoutExpired:
        raise InputError(f"{what}: `{' '.join(command[:3])}` did not answer within"
                         f" {TIMEOUT_SECONDS}s") from None
    if done.returncode != 0:
        reason = " ".join(done.stderr.split()) or f"exit status {done.returncode}"
        raise InputError(f"{what}: {reason}")
    return done.stdout


def _json(text: str, what: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise InputError(f"{what}: unexpected output (not JSON)") from None


# --- Docker swarm ----------------------------------------------------------------


def swarm_from_docker(docker: str = "docker") -> Cluster:
    """The swarm of the local Docker engine, which must be a manager."""
    what = "reading the swarm"
    swarm = _json(_run([docker, "info", "--format", "{{json .Swarm}}"], what), what)
    if not isinstance(swarm, Mapping) or swarm.get("LocalNodeState") != "active":
        raise InputError(f"{what}: this Docker engine is not part of a swarm")
    if not swarm.get("ControlAvailable"):
        raise InputError(f"{what}: this Docker engine is a worker; run on a manager")
    listed = _run([docker, "node", "ls", "--format", "{{json .}}"], what)
    ids = [_json(line, what).get("ID") for line in listed.splitlines() if line.strip()]
    ids = [i for i in ids if isinstance(i, str)]
    details = _json(_run([docker, "node", "inspect", *ids], what), what) if ids else []
    cluster = swarm.get("Cluster") or {}
    name = (cluster.get("Spec") or {}).get("Name") or cluster.get("ID") or "swarm"
    return Cluster(str(name), Platform.SWARM, tuple(swarm_node(d) for d in details),
                   loc=Loc("<docker>"))


def swarm_node(inspected: Mapping[str, Any]) -> ClusterNode:
    """A node from `docker node inspect` output."""
    spec = inspected.get("Spec") or {}
    status = inspected.get("Status") or {}
    description = inspected.get("Description") or {}
    name = description.get("Hostname") or inspected.get("ID") or "?"
    role = NodeRole.MANAGER if spec.get("Role") == "manager" else NodeRole.WORKER
    labels = {str(k): str(v) for k, v in (spec.get("Labels") or {}).items()}
    return ClusterNode(str(name), (role,), status.get("Addr") or None, labels,
                       loc=Loc(f"<docker node {name}>"))


# --- Kubernetes ---------------------------------------------------------------------


def kubernetes_from_kubeconfig(kubeconfig: Path | None = None,
                               context: str | None = None) -> Cluster:
    """The nodes of the cluster a kubeconfig (and context) points at."""
    if shutil.which("kubectl") is not None:
        command = ["kubectl", "get", "nodes", "-o", "json"]
        if kubeconfig is not None:
            command += ["--kubeconfig", str(kubeconfig)]
        if context:
            command += ["--context", context]
        what = "reading the Kubernetes nodes"
        listing = _json(_run(command, what), what)
    else:
        listing = _nodes_with_client(kubeconfig, context)
    items = listing.get("items") if isinstance(listing, Mapping) else None
    nodes = tuple(kubernetes_node(item) for item in items or ())
    return Cluster(context or "kubernetes", Platform.KUBERNETES, nodes, loc=Loc("<kubernetes>"))


def _nodes_with_client(kubeconfig: Path | None, context: str | None) -> Any:
    try:
        from kubernetes import client, config
    except ImportError:
        raise InputError("reading the Kubernetes nodes needs kubectl or the `kubernetes`"
                         " package (pip install 'orchconv[deploy]')") from None
    try:
        api = config.new_client_from_config(  # type: ignore[no-untyped-call]
            config_file=str(kubeconfig) if kubeconfig else None, context=context
        )
        nodes = client.CoreV1Api(api).list_node()
        return api.sanitize_for_serialization(nodes)
    except Exception as error:  # the client raises many types; all mean "cannot read"
        raise InputError(f"reading the Kubernetes nodes: {type(error).__name__}:"
                         f" {' '.join(str(error).split())[:200]}") from None


def kubernetes_node(item: Mapping[str, Any]) -> ClusterNode:
    """A node from the Kubernetes API's Node object."""
    metadata = item.get("metadata") or {}
    labels = {str(k): str(v) for k, v in (metadata.get("labels") or {}).items()}
    roles: list[NodeRole] = []
    if any(label in labels for label in CONTROL_PLANE_LABELS):
        roles.append(NodeRole.CONTROL_PLANE)
    if ETCD_LABEL in labels:
        roles.append(NodeRole.ETCD)
    if not roles:
        roles.append(NodeRole.WORKER)
    addresses = (item.get("status") or {}).get("addresses") or []
    address = next((a.get("address") for a in addresses if a.get("type") == "InternalIP"), None)
    name = str(metadata.get("name") or "?")
    return ClusterNode(name, tuple(roles), address, labels, loc=Loc(f"<kubernetes node {name}>"))
