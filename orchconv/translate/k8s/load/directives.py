"""Ingresses and HorizontalPodAutoscalers read back as the directive labels that make them.

Only an object the directives can make again is read this way (what
emit/ingress.py and emit/autoscaling.py write, or the same written by hand):
an Ingress whose rules all route Prefix paths to the first port of one
Service, and an autoscaler of a Deployment or StatefulSet by CPU and memory
utilization.  Any other one stays a loss entry (load/other.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from orchconv.translate.k8s.load.documents import Manifest
from orchconv.translate.k8s.load.lookup import PodIndex
from orchconv.translate.k8s.vocabulary import (
    ANY_HOST,
    HPA_CPU_LABEL,
    HPA_MAX_LABEL,
    HPA_MEMORY_LABEL,
    HPA_MIN_LABEL,
    INGRESS_CLASS_LABEL,
    INGRESS_LABEL,
    INGRESS_TLS_LABEL,
    MANAGED_BY,
    NAME,
    PART_OF,
)

_OWN_LABELS = frozenset({NAME, PART_OF, MANAGED_BY})


def _only(data: Any, allowed: set[str]) -> bool:
    return isinstance(data, Mapping) and set(data) <= allowed


def _plain_metadata(manifest: Manifest) -> bool:
    metadata: Any = manifest.body.get("metadata")
    return _only(metadata, {"name", "namespace", "labels"}) and set(
        metadata.get("labels") or {}) <= _OWN_LABELS


def _first_port(services: Mapping[tuple[str | None, str], Manifest], namespace: str | None,
                name: str) -> Any:
    manifest = services.get((namespace, name))
    if manifest is None:
        return None
    ports = (manifest.body.get("spec") or {}).get("ports") or []
    return ports[0].get("port") if ports and isinstance(ports[0], Mapping) else None


def _routes(spec: Mapping[str, Any]) -> tuple[list[str], str, Any] | None:
    """The directive's `host[/path]` entries, and the one Service and port they route to."""
    entries: list[str] = []
    targets: set[tuple[str, Any]] = set()
    for rule in spec.get("rules") or ():
        if not _only(rule, {"host", "http"}) or not _only(rule.get("http"), {"paths"}):
            return None
        for path in rule["http"].get("paths") or ():
            if not _only(path, {"path", "pathType", "backend"}) or path.get(
                    "pathType") != "Prefix" or not _only(path.get("backend"), {"service"}):
                return None
            service = path["backend"]["service"]
            if not _only(service, {"name", "port"}) or not _only(service.get("port"),
                                                                 {"number"}):
                return None
            targets.add((str(service.get("name")), service["port"].get("number")))
            text = str(path.get("path") or "/")
            entries.append(f"{rule.get('host') or ANY_HOST}{'' if text == '/' else text}")
    if len(targets) != 1 or not entries:
        return None
    name, port = targets.pop()
    return entries, name, port


def read_ingress(manifest: Manifest, services: Mapping[tuple[str | None, str], Manifest],
                 compose_names: Mapping[tuple[str | None, str], str], pods: PodIndex) -> bool:
    """Put the Ingress back as labels on its service; False if they cannot say it all."""
    spec: Any = manifest.body.get("spec")
    if manifest.api_version != "networking.k8s.io/v1" or not _plain_metadata(manifest) \
            or not _only(spec, {"ingressClassName", "tls", "rules"}):
        return False
    found = _routes(spec)
    if found is None:
        return False
    entries, service, port = found
    target = compose_names.get((manifest.namespace, service))
    pod = pods.owned_by(target)
    if pod is None or port != _first_port(services, manifest.namespace, service):
        return False
    owner = pod.owner
    tls = spec.get("tls") or []
    hosts = [e.split("/")[0] for e in entries if not e.startswith(ANY_HOST)]
    if len(tls) > 1 or (tls and not (_only(tls[0], {"hosts", "secretName"}) and list(
            dict.fromkeys(tls[0].get("hosts") or ())) == list(dict.fromkeys(hosts)))):
        return False
    owner.label(INGRESS_LABEL, ",".join(entries), manifest.loc)
    if tls:
        owner.label(INGRESS_TLS_LABEL, str(tls[0].get("secretName") or ANY_HOST), manifest.loc)
    if spec.get("ingressClassName"):
        owner.label(INGRESS_CLASS_LABEL, str(spec["ingressClassName"]), manifest.loc)
    return True


def _utilization(metric: Any) -> tuple[str, int] | None:
    if not _only(metric, {"type", "resource"}) or metric.get("type") != "Resource":
        return None
    resource = metric.get("resource")
    if not _only(resource, {"name", "target"}) or resource.get("name") not in ("cpu",
                                                                               "memory"):
        return None
    target = resource.get("target")
    if not _only(target, {"type", "averageUtilization"}) or target.get(
            "type") != "Utilization" or not isinstance(target.get("averageUtilization"), int):
        return None
    return str(resource["name"]), int(target["averageUtilization"])


def read_autoscaler(manifest: Manifest, pods: PodIndex) -> bool:
    """Put the autoscaler back as labels on its workload's service; False if they cannot."""
    spec: Any = manifest.body.get("spec")
    if manifest.api_version != "autoscaling/v2" or not _plain_metadata(manifest) \
            or not _only(spec, {"scaleTargetRef", "minReplicas", "maxReplicas", "metrics"}):
        return False
    ref: Any = spec.get("scaleTargetRef")
    if not _only(ref, {"apiVersion", "kind", "name"}) or ref.get("apiVersion") != "apps/v1" \
            or ref.get("kind") not in ("Deployment", "StatefulSet"):
        return False
    name = ref.get("name")
    pod = pods.workload(ref["kind"], name, manifest.namespace) if isinstance(name, str) else None
    metrics = [_utilization(m) for m in spec.get("metrics") or ()]
    if pod is None or not metrics or None in metrics:
        return False
    targets = dict(m for m in metrics if m is not None)
    if len(targets) != len(metrics):
        return False
    labels = {HPA_MIN_LABEL: spec.get("minReplicas", 1), HPA_MAX_LABEL: spec.get("maxReplicas"),
              HPA_CPU_LABEL: targets.get("cpu"), HPA_MEMORY_LABEL: targets.get("memory")}
    for key, value in labels.items():
        if value is not None:
            pod.owner.label(key, str(value), manifest.loc)
    return True
