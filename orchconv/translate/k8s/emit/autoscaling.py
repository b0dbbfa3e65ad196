"""The autoscaling directives (`orchconv.io/hpa.*`, kompose's `kompose.hpa.*`) -> a
HorizontalPodAutoscaler (autoscaling/v2).

kompose's defaults: 1 to 3 replicas, 50% CPU and 70% memory.  Where kompose
always targets both resources, we target the ones the labels name (both, with
kompose's values, when they name neither), and the target is the workload's
real kind: kompose points at a Deployment even for a StatefulSet.  Utilization
is measured against the container's requests, so a target without a request
is a warning.  The workload's own `replicas` is left out: the autoscaler owns it.
"""

from __future__ import annotations

from typing import Any

from orchconv.translate.k8s.emit.context import ServiceContext
from orchconv.translate.k8s.emit.controllers import DEPLOYMENT, STATEFULSET
from orchconv.translate.k8s.emit.kinds import API_VERSIONS, new_object
from orchconv.translate.k8s.emit.labels import object_labels
from orchconv.translate.k8s.emit.requests import Autoscaling
from orchconv.translate.k8s.vocabulary import HPA_CPU, HPA_MAX, HPA_MEMORY, HPA_MIN

SCALABLE = (DEPLOYMENT, STATEFULSET)


def _label_keys(ctx: ServiceContext) -> list[str]:
    return [k for keys in (HPA_MIN, HPA_MAX, HPA_CPU, HPA_MEMORY) for k in keys
            if k in ctx.service.labels]


def _requests(workload: dict[str, Any]) -> set[str]:
    """The resources every container of the pod requests (a limit implies a request)."""
    template = workload["spec"]["template"]["spec"]
    found: set[str] | None = None
    for container in template["containers"]:
        resources = container.get("resources") or {}
        names = set(resources.get("requests") or {}) | set(resources.get("limits") or {})
        found = names if found is None else found & names
    return found or set()


def _metric(resource: str, percent: int) -> dict[str, Any]:
    return {"type": "Resource", "resource": {
        "name": resource, "target": {"type": "Utilization", "averageUtilization": percent}}}


def hpa_object(ctx: ServiceContext, kind: str, name: str, wanted: Autoscaling | None,
               workload: dict[str, Any]) -> dict[str, Any] | None:
    """The autoscaler of `workload` (of `kind`, named `name`), if the labels ask for one."""
    if wanted is None:
        return None
    if kind not in SCALABLE:
        for key in _label_keys(ctx):
            ctx.lose("labels", f"a {kind} cannot be scaled by a HorizontalPodAutoscaler",
                     sub=key)
        return None
    metrics = []
    requested = _requests(workload)
    for resource, percent in (("cpu", wanted.cpu), ("memory", wanted.memory)):
        if percent is None:
            continue
        metrics.append(_metric(resource, percent))
        if resource not in requested:
            key = "cpus" if resource == "cpu" else resource
            ctx.emit.warn(f"{ctx.path}: the autoscaler targets {percent}% of the {resource} "
                          f"requested, but the container requests no {resource}: set "
                          f"deploy.resources.reservations.{key}")
    release = ctx.emit.options.k8s_version
    obj = new_object(release, "HorizontalPodAutoscaler",
                     ctx.emit.metadata(name, object_labels(ctx.emit.project.name,
                                                           ctx.service.name)))
    obj["spec"] = {
        "scaleTargetRef": {"apiVersion": API_VERSIONS[release][kind], "kind": kind,
                           "name": name},
        "minReplicas": wanted.min_replicas, "maxReplicas": wanted.max_replicas,
        "metrics": metrics}
    return obj
