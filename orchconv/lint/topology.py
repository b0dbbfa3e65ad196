"""Cluster topologies from files: our inventory format and kind cluster configs.

The inventory (docs/inventory.md, schemas/inventory.schema.json):

    platform: swarm            # or kubernetes
    name: prod
    nodes:
      - name: manager-1
        address: 10.0.0.1      # optional
        roles: [manager]       # swarm: manager|worker; kubernetes: control-plane|worker|etcd
        labels: {zone: a}      # optional, string values

A kind config (`kind: Cluster`, `apiVersion: kind.x-k8s.io/v1alpha4`) becomes
the cluster kind would create: nodes named `<name>-control-plane`,
`<name>-control-plane2`, `<name>-worker`, ... (kind's node namer); no `nodes`
means one control-plane node, a node without `role` is a control-plane node,
and the cluster is called `kind` unless `name` says otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from orchconv.errors import InputError
from orchconv.ir.topology import Cluster, ClusterNode, NodeRole, Platform
from orchconv.lint.detect import is_kind_cluster_config
from orchconv.location import Loc
from orchconv.source.yamltree import loc_of

PLATFORM_ROLES: Mapping[Platform, frozenset[NodeRole]] = {
    Platform.SWARM: frozenset({NodeRole.MANAGER, NodeRole.WORKER}),
    Platform.KUBERNETES: frozenset({NodeRole.CONTROL_PLANE, NodeRole.WORKER, NodeRole.ETCD}),
}
INVENTORY_KEYS = frozenset({"platform", "name", "nodes"})
NODE_KEYS = frozenset({"name", "address", "roles", "labels"})
KIND_DEFAULT_NAME = "kind"
KIND_ROLES = {"control-plane": NodeRole.CONTROL_PLANE, "worker": NodeRole.WORKER}


def load_topology(path: str, data: Any) -> Cluster:
    """The cluster an inventory or kind config describes; InputError when malformed."""
    if isinstance(data, Mapping) and is_kind_cluster_config(data):
        return _from_kind_config(path, data)
    return _from_inventory(path, data)


def _where(container: object, key: str | int | None, path: str, *, of_key: bool = False) -> Loc:
    return loc_of(container, key, of_key=of_key) or Loc(path, 1, 1)


def _mapping(value: Any, what: str, where: Loc) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise InputError(f"{what} must be a mapping", where)
    return value


def _string(container: Mapping[str, Any], key: str, path: str, what: str) -> str:
    value = container.get(key)
    if not isinstance(value, str) or not value:
        raise InputError(f"{what} must be a non-empty string", _where(container, key, path))
    return value


def _labels(container: Mapping[str, Any], path: str) -> dict[str, str]:
    raw = container.get("labels")
    if raw is None:
        return {}
    labels = _mapping(raw, "labels", _where(container, "labels", path))
    result: dict[str, str] = {}
    for key, value in labels.items():
        if not isinstance(value, str):
            raise InputError(f"label {key!r} must have a string value (quote numbers and"
                             " booleans)", _where(labels, key, path))
        result[key] = value
    return result


def _unknown_keys(container: Mapping[str, Any], allowed: frozenset[str], path: str,
                  what: str) -> None:
    for key in container:
        if key not in allowed:
            known = ", ".join(sorted(allowed))
            raise InputError(f"unknown {what} key {key!r} (known: {known})",
                             _where(container, key, path, of_key=True))


def _from_inventory(path: str, data: Any) -> Cluster:
    document = _mapping(data, "an inventory", _where(data, None, path))
    _unknown_keys(document, INVENTORY_KEYS, path, "inventory")
    raw_platform = document.get("platform")
    try:
        platform = Platform(raw_platform if isinstance(raw_platform, str) else "")
    except ValueError:
        raise InputError("platform must be 'swarm' or 'kubernetes'",
                         _where(document, "platform", path)) from None
    name = _string(document, "name", path, "name")
    nodes = document.get("nodes")
    if not isinstance(nodes, list) or not nodes:
        raise InputError("nodes must be a non-empty list", _where(document, "nodes", path))
    built: list[ClusterNode] = []
    seen: set[str] = set()
    for index, raw in enumerate(nodes):
        node = _inventory_node(raw, _where(nodes, index, path), platform, path)
        if node.name in seen:
            raise InputError(f"duplicate node name {node.name!r}", node.loc)
        seen.add(node.name)
        built.append(node)
    return Cluster(name, platform, tuple(built), loc=_where(document, None, path))


def _inventory_node(raw: Any, where: Loc, platform: Platform, path: str) -> ClusterNode:
    node = _mapping(raw, "a node", where)
    _unknown_keys(node, NODE_KEYS, path, "node")
    name = _string(node, "name", path, "node name")
    address = node.get("address")
    if address is not None and not isinstance(address, str):
        raise InputError("address must be a string", _where(node, "address", path))
    raw_roles = node.get("roles")
    if not isinstance(raw_roles, list) or not raw_roles:
        raise InputError(f"node {name!r} needs a non-empty list of roles",
                         _where(node, "roles", path))
    allowed = PLATFORM_ROLES[platform]
    roles: list[NodeRole] = []
    for index, raw_role in enumerate(raw_roles):
        known = isinstance(raw_role, str) and raw_role in {r.value for r in allowed}
        role = NodeRole(raw_role) if known else None
        if role is None:
            names = ", ".join(sorted(r.value for r in allowed))
            raise InputError(f"role {raw_role!r} is not a {platform.value} role ({names})",
                             _where(raw_roles, index, path))
        if role not in roles:
            roles.append(role)
    return ClusterNode(name, tuple(roles), address, _labels(node, path), loc=where)


def _from_kind_config(path: str, document: Mapping[str, Any]) -> Cluster:
    raw_name = document.get("name", KIND_DEFAULT_NAME)
    if not isinstance(raw_name, str) or not raw_name:
        raise InputError("name must be a non-empty string", _where(document, "name", path))
    raw_nodes = document.get("nodes")
    if raw_nodes is None:
        raw_nodes = []
    if not isinstance(raw_nodes, list):
        raise InputError("nodes must be a list", _where(document, "nodes", path))
    counters: dict[str, int] = {}
    nodes: list[ClusterNode] = []
    for index, raw in enumerate(raw_nodes or [{}]):
        where = _where(raw_nodes, index, path) if raw_nodes else _where(document, None, path)
        node = _mapping(raw, "a node", where)
        role_name = node.get("role", "control-plane")
        role = KIND_ROLES.get(role_name) if isinstance(role_name, str) else None
        if role is None:
            raise InputError(f"unknown node role {role_name!r} (control-plane, worker)",
                             _where(node, "role", path))
        counters[role_name] = counters.get(role_name, 0) + 1
        count = counters[role_name]
        name = f"{raw_name}-{role_name}{count if count > 1 else ''}"
        nodes.append(ClusterNode(name, (role,), None, _labels(node, path), loc=where))
    return Cluster(raw_name, Platform.KUBERNETES, tuple(nodes), loc=_where(document, None, path))
