"""Objects with no compose counterpart: one loss entry each, saying what it did.

Ingress routes are described so they can be rebuilt with a reverse proxy;
Namespaces name the project; NetworkPolicies orchconv wrote for compose
networks are read back as those networks (see pod.py) and need no entry.
"""

from __future__ import annotations

from typing import Any

from orchconv.translate.k8s.load.context import LoadContext
from orchconv.translate.k8s.load.documents import Manifest
from orchconv.translate.k8s.load.metadata import is_ours
from orchconv.translate.k8s.vocabulary import COMPONENT

_REASONS = {
    "HorizontalPodAutoscaler": "compose does not scale services by load",
    "PodDisruptionBudget": "compose has no voluntary disruptions to budget",
    "NetworkPolicy": "compose networks isolate by membership; this policy is not kept",
    "ServiceAccount": "compose containers have no Kubernetes identity",
    "Role": "RBAC has no compose counterpart",
    "ClusterRole": "RBAC has no compose counterpart",
    "RoleBinding": "RBAC has no compose counterpart",
    "ClusterRoleBinding": "RBAC has no compose counterpart",
    "PersistentVolume": "compose volumes are created by their driver",
    "StorageClass": "compose volumes are created by their driver",
    "CustomResourceDefinition": "compose has no custom resources",
    "LimitRange": "compose has no namespace-wide defaults",
    "ResourceQuota": "compose has no quotas",
    "PriorityClass": "compose has no scheduling priority",
}


def _routes(manifest: Manifest) -> str:
    try:
        return _route_list(manifest.body.get("spec") or {})
    except (AttributeError, TypeError):
        return "its routes could not be read"


def _route_list(spec: Any) -> str:
    routes: list[str] = []
    for rule in spec.get("rules") or ():
        host = rule.get("host") or "*"
        for path in ((rule.get("http") or {}).get("paths") or ()):
            backend = (path.get("backend") or {}).get("service") or {}
            port = backend.get("port") or {}
            target = f"{backend.get('name', '?')}:{port.get('number') or port.get('name', '?')}"
            routes.append(f"{host}{path.get('path', '/')} -> {target}")
    default = (spec.get("defaultBackend") or {}).get("service")
    if default:
        routes.append(f"default -> {default.get('name', '?')}")
    return "; ".join(routes) or "no routes"


def lose_object(ctx: LoadContext, manifest: Manifest) -> None:
    labels = (manifest.body.get("metadata") or {}).get("labels") or {}
    if manifest.kind == "NetworkPolicy" and is_ours(labels) and labels.get(COMPONENT) == "network":
        return  # written by the emitter for a compose network, which pod labels bring back
    if manifest.kind == "Ingress":
        reason = f"Ingress routes need a reverse proxy service in compose: {_routes(manifest)}"
    elif manifest.kind == "Namespace":
        reason = "compose has no namespaces; the project name stands for it"
    else:
        reason = _REASONS.get(manifest.kind, f"{manifest.api_version} {manifest.kind} has no "
                              "compose counterpart")
    ctx.ledger.lose(manifest.loc, manifest.label, reason)
