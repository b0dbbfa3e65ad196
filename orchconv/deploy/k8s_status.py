"""Is a live Kubernetes object ready?  One function per kind, on the object's JSON.

The rules follow what `kubectl rollout status` and `kubectl wait` check: the
controller has seen the latest spec (observedGeneration), and every replica is
updated and ready; Jobs are Complete; Services have a ready endpoint.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from orchconv.deploy.progress import UnitStatus


def _condition(obj: Mapping[str, Any], kind: str) -> Mapping[str, Any] | None:
    for condition in (obj.get("status") or {}).get("conditions") or []:
        if condition.get("type") == kind:
            return condition  # type: ignore[no-any-return]
    return None


def _is_true(obj: Mapping[str, Any], kind: str) -> bool:
    condition = _condition(obj, kind)
    return condition is not None and condition.get("status") == "True"


def _observed(obj: Mapping[str, Any]) -> bool:
    status = obj.get("status") or {}
    generation = (obj.get("metadata") or {}).get("generation", 0)
    return int(status.get("observedGeneration", 0) or 0) >= int(generation or 0)


def _unit(obj: Mapping[str, Any]) -> str:
    return f"{obj.get('kind')}/{(obj.get('metadata') or {}).get('name')}"


def deployment(obj: Mapping[str, Any]) -> UnitStatus:
    wanted = int((obj.get("spec") or {}).get("replicas", 1) or 0)
    status = obj.get("status") or {}
    ready = int(status.get("readyReplicas", 0) or 0)
    updated = int(status.get("updatedReplicas", 0) or 0)
    available = int(status.get("availableReplicas", 0) or 0)
    progressing = _condition(obj, "Progressing")
    if progressing and progressing.get("reason") == "ProgressDeadlineExceeded":
        return UnitStatus(_unit(obj), f"{ready}/{wanted} ready", False,
                          str(progressing.get("message", "progress deadline exceeded")))
    done = (_observed(obj) and updated >= wanted and ready >= wanted and available >= wanted
            and (wanted == 0 or _is_true(obj, "Available")))
    return UnitStatus(_unit(obj), f"{ready}/{wanted} ready, {available} available", done)


def statefulset(obj: Mapping[str, Any]) -> UnitStatus:
    wanted = int((obj.get("spec") or {}).get("replicas", 1) or 0)
    status = obj.get("status") or {}
    ready = int(status.get("readyReplicas", 0) or 0)
    updated = int(status.get("updatedReplicas", 0) or 0)
    done = _observed(obj) and ready >= wanted and updated >= wanted
    return UnitStatus(_unit(obj), f"{ready}/{wanted} ready", done)


def daemonset(obj: Mapping[str, Any]) -> UnitStatus:
    status = obj.get("status") or {}
    wanted = int(status.get("desiredNumberScheduled", 0) or 0)
    ready = int(status.get("numberReady", 0) or 0)
    updated = int(status.get("updatedNumberScheduled", 0) or 0)
    done = _observed(obj) and "desiredNumberScheduled" in status and ready >= wanted \
        and updated >= wanted
    return UnitStatus(_unit(obj), f"{ready}/{wanted} ready", done)


def job(obj: Mapping[str, Any]) -> UnitStatus:
    status = obj.get("status") or {}
    wanted = (obj.get("spec") or {}).get("completions", 1) or 1
    succeeded = int(status.get("succeeded", 0) or 0)
    if _is_true(obj, "Failed"):
        failed = _condition(obj, "Failed") or {}
        return UnitStatus(_unit(obj), "failed", False,
                          str(failed.get("message") or failed.get("reason") or "job failed"))
    return UnitStatus(_unit(obj), f"{succeeded}/{wanted} completed", _is_true(obj, "Complete"))


def claim(obj: Mapping[str, Any]) -> UnitStatus:
    phase = str((obj.get("status") or {}).get("phase", "Pending"))
    return UnitStatus(_unit(obj), phase, phase == "Bound")


def pod(obj: Mapping[str, Any]) -> UnitStatus:
    phase = str((obj.get("status") or {}).get("phase", "Pending"))
    if phase == "Failed":
        return UnitStatus(_unit(obj), phase, False, "pod failed")
    return UnitStatus(_unit(obj), phase, phase == "Succeeded" or _is_true(obj, "Ready"))


def service(obj: Mapping[str, Any], slices: Sequence[Mapping[str, Any]],
            has_long_running_pods: bool) -> UnitStatus:
    """Ready when an EndpointSlice lists a ready endpoint.

    A Service with no selector (endpoints managed by hand), an ExternalName,
    or one that selects no long-running pod (only a Job's) has nothing to wait for.
    """
    spec = obj.get("spec") or {}
    if spec.get("type") == "ExternalName" or not spec.get("selector") \
            or not has_long_running_pods:
        return UnitStatus(_unit(obj), "no endpoints to wait for", True)
    ready = sum(
        1 for s in slices for endpoint in s.get("endpoints") or []
        if (endpoint.get("conditions") or {}).get("ready", True))
    state = f"{ready} ready endpoint(s)" if ready else "waiting for endpoints"
    return UnitStatus(_unit(obj), state, ready > 0)


WORKLOAD_CHECKS: dict[str, Callable[[Mapping[str, Any]], UnitStatus]] = {
    "Deployment": deployment,
    "StatefulSet": statefulset,
    "DaemonSet": daemonset,
    "Job": job,
    "PersistentVolumeClaim": claim,
    "Pod": pod,
}
