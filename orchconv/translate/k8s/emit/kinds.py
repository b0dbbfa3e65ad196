"""The object kinds we emit: their apiVersion per Kubernetes release, and their order.

Every kind we emit is served at the same stable version in every supported release
(orchconv/translate/k8s/versions.py); the table is per release so that a future
change of version is one line.
"""

from __future__ import annotations

from typing import Any

from orchconv.translate.k8s.versions import SUPPORTED_VERSIONS

_STABLE = {
    "Namespace": "v1",
    "ConfigMap": "v1",
    "Secret": "v1",
    "PersistentVolumeClaim": "v1",
    "Service": "v1",
    "Deployment": "apps/v1",
    "StatefulSet": "apps/v1",
    "DaemonSet": "apps/v1",
    "Job": "batch/v1",
    "CronJob": "batch/v1",
    "NetworkPolicy": "networking.k8s.io/v1",
    "PodDisruptionBudget": "policy/v1",
    "Ingress": "networking.k8s.io/v1",
    "HorizontalPodAutoscaler": "autoscaling/v2",
}

API_VERSIONS: dict[str, dict[str, str]] = {
    release: dict(_STABLE) for release in SUPPORTED_VERSIONS
}

# Documents come out in this order, so `kubectl apply -f` creates what a
# workload refers to before the workload itself.
KIND_ORDER = (
    "Namespace", "ConfigMap", "Secret", "PersistentVolumeClaim", "Service",
    "Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob",
    "HorizontalPodAutoscaler", "Ingress", "PodDisruptionBudget", "NetworkPolicy",
)


def new_object(release: str, kind: str, metadata: dict[str, Any]) -> dict[str, Any]:
    """The head every object starts with: apiVersion, kind, metadata."""
    return {"apiVersion": API_VERSIONS[release][kind], "kind": kind, "metadata": metadata}


def kind_rank(kind: str) -> int:
    return KIND_ORDER.index(kind)
