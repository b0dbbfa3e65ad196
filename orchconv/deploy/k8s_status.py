"""Is a live Kubernetes object ready?  One function per kind, on the object's JSON.

The rules follow what `kubectl rollout status` and `kubectl wait` check: the
controller has seen the latest spec (observedGeneration), and every replica is
updated and ready; Jobs are Complete; Services have a ready endpoint.  Pods
decide failures: a Job's failed pods give its exit codes, and a pod in a crash
loop, or one no node's labels admit, fails its workload (only lasting states:
phases, exit codes, restart counts, the scheduler's verdict on every node).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from orchconv.deploy.progress import UnitStatus

# A container restarted this often will not settle.
RESTART_LIMIT = 3


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


def job(obj: Mapping[str, Any], pods: Sequence[Mapping[str, Any]] = ()) -> UnitStatus:
    """Complete when its condition says so; failed with the exit codes of its pods."""
    status = obj.get("status") or {}
    wanted = (obj.get("spec") or {}).get("completions", 1) or 1
    succeeded = int(status.get("succeeded", 0) or 0)
    if _is_true(obj, "Failed"):
        failed = _condition(obj, "Failed") or {}
        message = str(failed.get("message") or failed.get("reason") or "job failed")
        exits = exit_codes(pods)
        if exits:
            message += f" ({'; '.join(exits)})"
        return UnitStatus(_unit(obj), "failed", False, message)
    return UnitStatus(_unit(obj), f"{succeeded}/{wanted} completed", _is_true(obj, "Complete"))


def exit_codes(pods: Sequence[Mapping[str, Any]]) -> list[str]:
    """"container X exited with code N" for each container of these pods that ended
    non-zero (the last run's exit when it is waiting to restart)."""
    found = []
    for pod_obj in pods:
        for container in (pod_obj.get("status") or {}).get("containerStatuses") or []:
            ended = ((container.get("state") or {}).get("terminated")
                     or (container.get("lastState") or {}).get("terminated") or {})
            if ended and int(ended.get("exitCode", 0) or 0) != 0:
                found.append(f"container {container.get('name')} exited with code"
                             f" {ended['exitCode']}")
    return found


def crash_loop(pods: Sequence[Mapping[str, Any]]) -> str | None:
    """Why these pods will not become ready by themselves: a container in
    CrashLoopBackOff, or restarted RESTART_LIMIT times."""
    for pod_obj in pods:
        for container in (pod_obj.get("status") or {}).get("containerStatuses") or []:
            waiting = (container.get("state") or {}).get("waiting") or {}
            restarts = int(container.get("restartCount", 0) or 0)
            if waiting.get("reason") == "CrashLoopBackOff" or restarts >= RESTART_LIMIT:
                last = (container.get("lastState") or {}).get("terminated") or {}
                code = f", last exit code {last['exitCode']}" if "exitCode" in last else ""
                return (f"pod {(pod_obj.get('metadata') or {}).get('name')}: container"
                        f" {container.get('name')} is crash-looping (restarted {restarts}"
                        f" times{code})")
    return None


# "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector. no new
# claims to deallocate, preemption: ..." (the per-node reasons end at the first ". ")
_NODES = re.compile(r"0/(\d+) nodes are available: (.*?)\.(?:\s|$)")
_NO_MATCH = re.compile(r"(\d+) node\(s\) didn't match Pod's node affinity/selector")


def unschedulable(pods: Sequence[Mapping[str, Any]]) -> str | None:
    """Why a pod can go to no node, when every node fails its node selector or affinity:
    lasting until the nodes or their labels change (not so a lack of resources)."""
    for pod_obj in pods:
        if (pod_obj.get("status") or {}).get("phase") != "Pending":
            continue
        scheduled = _condition(pod_obj, "PodScheduled") or {}
        if scheduled.get("status") != "False" or scheduled.get("reason") != "Unschedulable":
            continue
        message = " ".join(str(scheduled.get("message", "")).split())
        nodes = _NODES.match(message)
        if not nodes:
            continue
        reasons = nodes.group(2).split(", ")
        matched = [_NO_MATCH.fullmatch(r) for r in reasons]
        if all(matched) and sum(int(m.group(1)) for m in matched if m) == int(nodes.group(1)):
            return (f"pod {(pod_obj.get('metadata') or {}).get('name')} cannot be scheduled:"
                    f" {message}")
    return None


def runs_to_completion(pod_spec: Mapping[str, Any]) -> bool:
    return str(pod_spec.get("restartPolicy") or "Always") in ("Never", "OnFailure")


def claim(obj: Mapping[str, Any]) -> UnitStatus:
    phase = str((obj.get("status") or {}).get("phase", "Pending"))
    return UnitStatus(_unit(obj), phase, phase == "Bound")


def pod(obj: Mapping[str, Any]) -> UnitStatus:
    """A pod of its own: restartPolicy Never/OnFailure runs to completion (ready when
    Succeeded), Always is long-running (ready when Ready); Failed or a crash loop fails."""
    phase = str((obj.get("status") or {}).get("phase", "Pending"))
    if phase == "Failed":
        exits = exit_codes([obj])
        return UnitStatus(_unit(obj), phase, False,
                          "pod failed" + (f": {'; '.join(exits)}" if exits else ""))
    stuck = crash_loop([obj]) or unschedulable([obj])
    if stuck:
        return UnitStatus(_unit(obj), phase, False, stuck)
    if runs_to_completion(obj.get("spec") or {}):
        return UnitStatus(_unit(obj), phase, phase == "Succeeded")
    return UnitStatus(_unit(obj), phase, phase == "Running" and _is_true(obj, "Ready"))


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


def selected(pods: Sequence[Mapping[str, Any]], selector: Mapping[str, Any]
             ) -> list[Mapping[str, Any]]:
    """The pods a workload's spec.selector (matchLabels) picks."""
    labels = selector.get("matchLabels") or {}
    if not labels:
        return []
    return [p for p in pods if all(((p.get("metadata") or {}).get("labels") or {}).get(k) == v
                                   for k, v in labels.items())]


def condition_lines(obj: Mapping[str, Any]) -> list[str]:
    """The object's conditions as `kubectl describe` lists them."""
    return [f"  condition {c.get('type')}={c.get('status')}"
            + (f" {c['reason']}" if c.get("reason") else "")
            + (f": {c['message']}" if c.get("message") else "")
            for c in (obj.get("status") or {}).get("conditions") or []]


def event_lines(events: Sequence[Mapping[str, Any]], name: str, limit: int = 5) -> list[str]:
    """The last events about an object and the objects named after it (its pods,
    ReplicaSets), oldest first, as `kubectl describe` lists them."""
    def about(event: Mapping[str, Any]) -> bool:
        involved = str((event.get("involvedObject") or event.get("regarding") or {})
                       .get("name", ""))
        return involved == name or involved.startswith(f"{name}-")

    def when(event: Mapping[str, Any]) -> str:
        return str(event.get("lastTimestamp") or event.get("eventTime")
                   or (event.get("metadata") or {}).get("creationTimestamp") or "")

    chosen = sorted((e for e in events if about(e)), key=when)[-limit:]
    return [f"  event {e.get('type', '')} {e.get('reason', '')}"
            f" ({(e.get('involvedObject') or {}).get('kind', '')}"
            f"/{(e.get('involvedObject') or {}).get('name', '')}): "
            + " ".join(str(e.get("message") or e.get("note") or "").split())
            for e in chosen]
