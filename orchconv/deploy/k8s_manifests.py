"""Live Kubernetes objects back into the manifests a user would write.

Three ways, best first:
1. Objects we applied server-side: keep exactly the fields our field manager
   owns (its managedFields entry), with the values the server now holds.
2. Objects applied with client-side `kubectl apply`: the last-applied annotation.
3. Anything else: the live object without status, server-set metadata and the
   values the API server fills in by default.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from typing import Any

from orchconv.deploy.base import OWNER_LABEL

LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"
_SERVER_ANNOTATIONS = (LAST_APPLIED, "deployment.kubernetes.io/revision",
                       "pv.kubernetes.io/", "volume.beta.kubernetes.io/",
                       "volume.kubernetes.io/", "endpoints.kubernetes.io/",
                       "batch.kubernetes.io/")
_SERVER_METADATA = ("uid", "resourceVersion", "generation", "creationTimestamp",
                    "managedFields", "selfLink", "ownerReferences", "finalizers",
                    "deletionTimestamp", "deletionGracePeriodSeconds", "generateName")


# ------------------------------------------------------------ managed fields
def _owned_tree(obj: Mapping[str, Any], manager: str) -> dict[str, Any] | None:
    """The union of the field sets `manager` applied (main resource, not subresources)."""
    merged: dict[str, Any] | None = None
    for entry in (obj.get("metadata") or {}).get("managedFields") or []:
        if entry.get("manager") != manager or entry.get("operation") != "Apply" \
                or entry.get("subresource"):
            continue
        merged = _merge_trees(merged or {}, entry.get("fieldsV1") or {})
    return merged


def _merge_trees(left: dict[str, Any], right: Mapping[str, Any]) -> dict[str, Any]:
    for key, sub in right.items():
        left[key] = _merge_trees(dict(left.get(key) or {}), sub) if isinstance(sub, Mapping) \
            else sub
    return left


def _matches(item: Any, key: str) -> bool:
    kind, _, text = key.partition(":")
    wanted = json.loads(text)
    if kind == "k":
        return isinstance(item, Mapping) and all(item.get(k) == v for k, v in wanted.items())
    return kind == "v" and bool(item == wanted)


def _keep_owned(value: Any, tree: Mapping[str, Any]) -> Any:
    """The parts of `value` a managedFields tree names ("f:", "k:", "v:", "i:" keys)."""
    members = [k for k in tree if k != "."]
    if not members:
        return copy.deepcopy(value)
    if isinstance(value, Mapping):
        return {k[2:]: _keep_owned(value[k[2:]], tree[k]) for k in members
                if k.startswith("f:") and k[2:] in value}
    if isinstance(value, list):
        kept = []
        for index, item in enumerate(value):
            for key in members:
                if key == f"i:{index}" or (key[:2] in ("k:", "v:") and _matches(item, key)):
                    kept.append(_keep_owned(item, tree[key]))
                    break
        return kept
    return value


# ------------------------------------------------------------ server defaults
# (kinds, path, default): a value at `path` equal to `default` is dropped.
# "*" walks every item of a list.  Taken from the API types' documented defaults.
_POD = "spec.template.spec"
_CONTAINERS = ("containers", "initContainers")
_DEFAULTS: tuple[tuple[tuple[str, ...], str, Any], ...] = (
    (("Deployment",), "spec.progressDeadlineSeconds", 600),
    (("Deployment", "StatefulSet", "DaemonSet"), "spec.revisionHistoryLimit", 10),
    (("Deployment",), "spec.strategy",
     {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}}),
    (("StatefulSet",), "spec.podManagementPolicy", "OrderedReady"),
    (("StatefulSet",), "spec.updateStrategy",
     {"type": "RollingUpdate", "rollingUpdate": {"partition": 0}}),
    (("StatefulSet",), "spec.persistentVolumeClaimRetentionPolicy",
     {"whenDeleted": "Retain", "whenScaled": "Retain"}),
    (("DaemonSet",), "spec.updateStrategy",
     {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 0, "maxUnavailable": 1}}),
    (("Job",), "spec.backoffLimit", 6),
    (("Job",), "spec.completionMode", "NonIndexed"),
    (("Job",), "spec.completions", 1),
    (("Job",), "spec.parallelism", 1),
    (("Job",), "spec.suspend", False),
    (("Job",), "spec.manualSelector", False),
    (("Job",), "spec.podReplacementPolicy", "TerminatingOrFailed"),
    (("CronJob",), "spec.concurrencyPolicy", "Allow"),
    (("CronJob",), "spec.suspend", False),
    (("CronJob",), "spec.successfulJobsHistoryLimit", 3),
    (("CronJob",), "spec.failedJobsHistoryLimit", 1),
    (("Service",), "spec.sessionAffinity", "None"),
    (("Service",), "spec.internalTrafficPolicy", "Cluster"),
    (("Service",), "spec.externalTrafficPolicy", "Cluster"),
    (("Service",), "spec.ipFamilyPolicy", "SingleStack"),
    (("Service",), "spec.type", "ClusterIP"),
    (("Service",), "spec.ports.*.protocol", "TCP"),
    (("PersistentVolumeClaim",), "spec.volumeMode", "Filesystem"),
    (("Secret",), "type", "Opaque"),
)
_POD_DEFAULTS: tuple[tuple[str, Any], ...] = (
    ("dnsPolicy", "ClusterFirst"),
    ("schedulerName", "default-scheduler"),
    ("securityContext", {}),
    ("terminationGracePeriodSeconds", 30),
    ("enableServiceLinks", True),
)
_CONTAINER_DEFAULTS: tuple[tuple[str, Any], ...] = (
    ("terminationMessagePath", "/dev/termination-log"),
    ("terminationMessagePolicy", "File"),
    ("resources", {}),
    ("ports.*.protocol", "TCP"),
    ("livenessProbe.timeoutSeconds", 1), ("livenessProbe.periodSeconds", 10),
    ("livenessProbe.successThreshold", 1), ("livenessProbe.failureThreshold", 3),
    ("readinessProbe.timeoutSeconds", 1), ("readinessProbe.periodSeconds", 10),
    ("readinessProbe.successThreshold", 1), ("readinessProbe.failureThreshold", 3),
    ("startupProbe.timeoutSeconds", 1), ("startupProbe.periodSeconds", 10),
    ("startupProbe.successThreshold", 1), ("startupProbe.failureThreshold", 3),
    ("livenessProbe.httpGet.scheme", "HTTP"), ("readinessProbe.httpGet.scheme", "HTTP"),
    ("startupProbe.httpGet.scheme", "HTTP"),
)
# Fields the server assigns: never what a user wrote.
_ASSIGNED = {
    "Service": ("spec.clusterIP", "spec.clusterIPs", "spec.ipFamilies", "spec.ports.*.nodePort"),
    "PersistentVolumeClaim": ("spec.volumeName",),
    "Job": ("spec.selector", "spec.template.metadata.labels.controller-uid",
            "spec.template.metadata.labels.batch.kubernetes.io/controller-uid",
            "spec.template.metadata.labels.job-name",
            "spec.template.metadata.labels.batch.kubernetes.io/job-name"),
}


def _drop(value: Any, path: list[str], default: Any, always: bool) -> None:
    """Delete the value at `path` inside `value` when it equals `default` (or always)."""
    if not path:
        return
    head, rest = path[0], path[1:]
    if head == "*":
        for item in value if isinstance(value, list) else []:
            _drop(item, rest, default, always)
        return
    if not isinstance(value, dict) or head not in value:
        return
    if not rest:
        if always or value[head] == default:
            del value[head]
        return
    _drop(value[head], rest, default, always)
    if value[head] == {}:
        del value[head]


def _split(path: str) -> list[str]:
    """Dotted path, except label keys after `labels.` (they contain dots and slashes)."""
    if ".labels." in path:
        before, _, label = path.partition(".labels.")
        return [*before.split("."), "labels", label]
    return path.split(".")


def _pod_spec_path(kind: str) -> str | None:
    if kind in ("Deployment", "StatefulSet", "DaemonSet", "Job", "ReplicaSet"):
        return _POD
    if kind == "CronJob":
        return "spec.jobTemplate.spec.template.spec"
    if kind == "Pod":
        return "spec"
    return None


def _without_defaults(obj: dict[str, Any]) -> dict[str, Any]:
    kind = str(obj.get("kind"))
    for kinds, path, default in _DEFAULTS:
        if kind in kinds:
            _drop(obj, _split(path), default, always=False)
    for path in _ASSIGNED.get(kind, ()):
        _drop(obj, _split(path), None, always=True)
    if kind == "Service":
        for port in (obj.get("spec") or {}).get("ports") or []:
            if port.get("targetPort") == port.get("port"):
                del port["targetPort"]
    pod = _pod_spec_path(kind)
    if pod:
        for path, default in _POD_DEFAULTS:
            _drop(obj, _split(f"{pod}.{path}"), default, always=False)
        if kind not in {"Job", "CronJob"}:
            _drop(obj, _split(f"{pod}.restartPolicy"), "Always", always=False)
        for section in _CONTAINERS:
            for path, default in _CONTAINER_DEFAULTS:
                _drop(obj, _split(f"{pod}.{section}.*.{path}"), default, always=False)
            _drop_default_pull_policy(obj, _split(f"{pod}.{section}"))
        template = pod.rsplit(".spec", 1)[0]
        _drop(obj, _split(f"{template}.metadata.creationTimestamp"), None, always=False)
    return obj


def _drop_default_pull_policy(obj: dict[str, Any], path: list[str]) -> None:
    """imagePullPolicy defaults to Always for :latest (or no tag), IfNotPresent otherwise."""
    containers: Any = obj
    for part in path:
        containers = containers.get(part) if isinstance(containers, dict) else None
    for container in containers if isinstance(containers, list) else []:
        image = str(container.get("image", ""))
        tag = image.rsplit("/", 1)[-1].partition("@")[0]
        latest = ":" not in tag or tag.endswith(":latest")
        if container.get("imagePullPolicy") == ("Always" if latest else "IfNotPresent"):
            del container["imagePullPolicy"]


def _clean_metadata(manifest: dict[str, Any], keep_namespace: bool) -> None:
    metadata = manifest.setdefault("metadata", {})
    for key in _SERVER_METADATA:
        metadata.pop(key, None)
    if not keep_namespace:
        metadata.pop("namespace", None)
    labels = {k: v for k, v in (metadata.get("labels") or {}).items() if k != OWNER_LABEL}
    annotations = {k: v for k, v in (metadata.get("annotations") or {}).items()
                   if not k.startswith(_SERVER_ANNOTATIONS)}
    for key, value in (("labels", labels), ("annotations", annotations)):
        if value:
            metadata[key] = value
        else:
            metadata.pop(key, None)


def manifest_from_live(obj: Mapping[str, Any], manager: str, *,
                       keep_namespace: bool = False) -> dict[str, Any]:
    """The manifest behind a live object (see the module docstring for how)."""
    owned = _owned_tree(obj, manager)
    if owned is not None:
        manifest: dict[str, Any] = _keep_owned(obj, owned)
    elif LAST_APPLIED in ((obj.get("metadata") or {}).get("annotations") or {}):
        manifest = json.loads(obj["metadata"]["annotations"][LAST_APPLIED])
    else:
        manifest = _without_defaults(
            {k: copy.deepcopy(v) for k, v in obj.items() if k != "status"})
    manifest["apiVersion"] = obj.get("apiVersion")
    manifest["kind"] = obj.get("kind")
    manifest.pop("status", None)
    _clean_metadata(manifest, keep_namespace)
    manifest["metadata"]["name"] = (obj.get("metadata") or {}).get("name")
    ordered: dict[str, Any] = {k: manifest[k] for k in ("apiVersion", "kind", "metadata")
                               if k in manifest}
    ordered.update((k, v) for k, v in manifest.items() if k not in ordered)
    return ordered
