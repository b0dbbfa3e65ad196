"""Is a compose service ready?  Decided on `docker inspect` of its containers.

A service runs to completion when a dependent waits for it with
`service_completed_successfully` (the `com.docker.compose.depends_on` label of
the dependents says so): it is done when every container exited 0.  Any other
service is ready when its containers run (healthy, when they have a
healthcheck); one that exited 0 and will not restart (`restart: "no"` or
`on-failure`) is done as well.  A container that exited non-zero is a failure
with its exit code, and so is one the engine restarted RESTART_LIMIT times.

Only lasting states decide (an exit code, a restart count, a health status);
without a healthcheck, a running process cannot be told from one about to
crash, so give a service a healthcheck to have a crash loop caught for sure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from orchconv.deploy.progress import UnitStatus

DEPENDS_ON = "com.docker.compose.depends_on"
RESTART_LIMIT = 3
COMPLETED = "service_completed_successfully"


def _labels(container: Mapping[str, Any]) -> Mapping[str, str]:
    return (container.get("Config") or {}).get("Labels") or {}


def one_shot_services(containers: Iterable[Mapping[str, Any]]) -> set[str]:
    """Services some container waits for with service_completed_successfully."""
    found = set()
    for container in containers:
        for entry in str(_labels(container).get(DEPENDS_ON, "")).split(","):
            parts = entry.split(":")
            if len(parts) >= 2 and parts[1] == COMPLETED:
                found.add(parts[0])
    return found


def _restarts_on_exit(container: Mapping[str, Any]) -> bool:
    policy = ((container.get("HostConfig") or {}).get("RestartPolicy") or {}).get("Name")
    return policy in ("always", "unless-stopped")


def _container(container: Mapping[str, Any], one_shot: bool) -> tuple[str, bool, str | None]:
    """(state, ready, failure) of one container."""
    state = container.get("State") or {}
    status = str(state.get("Status", "unknown"))
    code = int(state.get("ExitCode") or 0)
    restarts = int(container.get("RestartCount") or 0)
    health = str((state.get("Health") or {}).get("Status") or "")
    if restarts >= RESTART_LIMIT:
        # a container started again reads exit code 0 until it exits
        last = f" (last exit code {code})" if status in ("restarting", "exited") else ""
        return (status, False, f"restarted {restarts} times{last}")
    if status in ("exited", "dead"):
        if code != 0:
            return (status, False, f"exited with code {code}")
        if _restarts_on_exit(container) and not one_shot:
            return (status, False, "exited with code 0 (stopped)")
        return ("completed", True, None)
    if status == "running" and not one_shot:
        if health == "unhealthy":
            return ("unhealthy", False, "container is unhealthy")
        if health == "starting":
            return ("health: starting", False, None)
        return ("running", True, None)
    return (status, False, None)  # created, restarting, paused, or a one-shot still running


def service_status(name: str, containers: Sequence[Mapping[str, Any]],
                   one_shot: bool) -> UnitStatus:
    """The status of one compose service from `docker inspect` of its containers."""
    unit = f"service {name}"
    states = [_container(c, one_shot) for c in containers]
    failures = [failure for _, _, failure in states if failure]
    counts: dict[str, int] = {}
    for state, _, _ in states:
        counts[state] = counts.get(state, 0) + 1
    text = ", ".join(f"{n}/{len(states)} {state}" for state, n in sorted(counts.items()))
    if one_shot and counts.get("running"):
        text += " (runs to completion)"
    if failures:
        return UnitStatus(unit, text, False, f"container {failures[0]}")
    return UnitStatus(unit, text or "no container", all(ready for _, ready, _ in states))


def container_line(container: Mapping[str, Any]) -> str:
    """What `docker compose ps -a` says of a container, for a timeout message."""
    state = container.get("State") or {}
    health = (state.get("Health") or {}).get("Status")
    parts = [str(container.get("Name", "?")).lstrip("/"), str(state.get("Status", "?")),
             f"exit code {state.get('ExitCode', '?')}",
             f"restarts {container.get('RestartCount', 0)}"]
    if health:
        parts.append(f"health {health}")
    if state.get("Error"):
        parts.append(f"error {state['Error']}")
    return "  " + ", ".join(parts)
