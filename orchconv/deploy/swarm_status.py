"""Is a swarm service ready?  Decided on `docker service inspect` and `docker service ps`.

A service's kind comes from its spec.  A job (mode replicated-job or global-job)
or a service whose restart condition is `none` or `on-failure` runs to
completion: it is done when its tasks completed, and failed when a task failed
with no restart left.  Any other service is long-running: ready when its tasks
run (swarm reports a task with a healthcheck as running only once it is
healthy), failed when its tasks keep ending (failed, rejected, or exited 0 and
restarted under condition `any`).  A service no node may run (placement
constraints no node satisfies) fails at once instead of waiting for a node.

Only lasting task states decide: a task that completed stays complete, so the
moment of the poll never changes the outcome.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from orchconv.deploy.progress import UnitStatus

# A slot whose tasks ended this often (within swarm's task history) will not settle.
FAILED_TASKS_LIMIT = 3
_EXIT = re.compile(r"non-zero exit \((\d+)\)")
_ENDED = ("failed", "rejected")
_JOB_MODES = ("ReplicatedJob", "GlobalJob")
_CONSTRAINTS = "scheduling constraints not satisfied"


@dataclass(frozen=True)
class Task:
    """One row of `docker service ps --no-trunc --format json`."""

    service: str
    slot: str  # "web.1", or "web.<node id>" for a global service
    latest: bool  # the slot's newest task
    state: str  # first word of CurrentState, lowercased: running, complete, failed...
    desired: str
    error: str
    row: Mapping[str, Any]

    @property
    def exit_code(self) -> int | None:
        found = _EXIT.search(self.error)
        return int(found.group(1)) if found else None

    def __str__(self) -> str:
        text = f"{self.slot} {self.state}"
        return f"{text}: {self.error}" if self.error else text


def tasks_by_service(rows: Iterable[Mapping[str, Any]]) -> dict[str, list[Task]]:
    """`docker service ps` rows grouped by service name, in the CLI's order: a slot's
    tasks newest first (the table format marks the older ones "\\_ web.1", JSON does
    not), so a slot's first row is its latest task."""
    found: dict[str, list[Task]] = {}
    seen: set[str] = set()
    for row in rows:
        slot = str(row.get("Name", "")).strip().removeprefix("\\_").strip()
        current = str(row.get("CurrentState", "")).split()
        latest = slot not in seen
        seen.add(slot)
        task = Task(service=slot.rsplit(".", 1)[0], slot=slot, latest=latest,
                    state=current[0].lower() if current else "unknown",
                    desired=str(row.get("DesiredState", "")).lower(),
                    error=str(row.get("Error", "")).strip().strip("\"'"), row=row)
        found.setdefault(task.service, []).append(task)
    return found


def is_run_to_completion(spec: Mapping[str, Any]) -> bool:
    """A job, or restart condition none/on-failure (swarm's default is `any`)."""
    if any(mode in (spec.get("Mode") or {}) for mode in _JOB_MODES):
        return True
    policy = (spec.get("TaskTemplate") or {}).get("RestartPolicy") or {}
    return str(policy.get("Condition") or "any") in ("none", "on-failure")


def _failure_limit(spec: Mapping[str, Any]) -> int:
    """How many ended tasks mean no more will come: 1 under condition none, the
    first attempt plus max_attempts restarts under on-failure."""
    policy = (spec.get("TaskTemplate") or {}).get("RestartPolicy") or {}
    condition = str(policy.get("Condition") or "any")
    if condition == "none":
        return 1
    attempts = int(policy.get("MaxAttempts") or 0)
    return min(FAILED_TASKS_LIMIT, attempts + 1) if attempts else FAILED_TASKS_LIMIT


def _wanted(spec: Mapping[str, Any], latest: Sequence[Task]) -> int:
    mode = spec.get("Mode") or {}
    if "Replicated" in mode:
        return int((mode["Replicated"] or {}).get("Replicas", 1) or 0)
    if "ReplicatedJob" in mode:
        job = mode["ReplicatedJob"] or {}
        return int(job.get("TotalCompletions") or job.get("MaxConcurrent") or 1)
    return max(1, len(latest))  # global: one task per eligible node


def _ended(tasks: Sequence[Task], also: tuple[str, ...] = ()) -> list[Task]:
    return [t for t in tasks if t.state in (*_ENDED, *also)]


def _failed_message(task: Task) -> str:
    code = task.exit_code
    what = f"exit code {code}" if code is not None else (task.error or task.state)
    return f"task {task.slot} {task.state} ({what})"


def unplaceable(latest: Sequence[Task]) -> str | None:
    """The scheduler's error when no node satisfies the placement constraints of any
    task: lasting until the nodes or their labels change (not so a lack of resources,
    which a task shutting down elsewhere may end)."""
    if not latest or any(t.state != "pending" for t in latest):
        return None
    error = latest[0].error
    reasons = error.removeprefix("no suitable node (").removesuffix(")").split("; ")
    if error.startswith("no suitable node (") and all(
            r.startswith(_CONSTRAINTS) for r in reasons):
        return error
    return None


def service_status(name: str, spec: Mapping[str, Any], tasks: Sequence[Task]) -> UnitStatus:
    """The status of one service from its spec and all its tasks (history included)."""
    unit = f"service {name}"
    latest = [t for t in tasks if t.latest]
    wanted = _wanted(spec, latest)
    running = sum(1 for t in latest if t.state == "running")
    nowhere = unplaceable(latest) if wanted else None
    if nowhere:
        return UnitStatus(unit, "pending", False, f"no node can run its tasks: {nowhere}")
    if is_run_to_completion(spec):
        ended = _ended(tasks)
        if len(ended) >= _failure_limit(spec):
            return UnitStatus(unit, "failed", False, _failed_message(ended[0]))
        job = any(mode in (spec.get("Mode") or {}) for mode in _JOB_MODES)
        complete = [t for t in tasks if t.state == "complete"]
        done = len(complete) if job else len({t.slot for t in complete})
        state = f"{min(done, wanted)}/{wanted} completed"
        if running:
            state += f", {running} running"
        return UnitStatus(unit, state, done >= wanted)
    state = f"{running}/{wanted} running"
    starting = sum(1 for t in latest if t.state == "starting")
    if starting:
        state += f" ({starting} starting)"
    if running >= wanted:
        return UnitStatus(unit, state, True)
    ended = _ended(tasks, also=("complete",))
    if len(ended) >= FAILED_TASKS_LIMIT:
        last = ended[0]
        if last.state == "complete":
            return UnitStatus(unit, state, False,
                              "its tasks exit (code 0) and swarm starts them again (restart"
                              " condition any); a one-shot service needs"
                              " deploy.restart_policy.condition none or on-failure")
        return UnitStatus(unit, state, False,
                          f"tasks keep failing: {_failed_message(last)}")
    return UnitStatus(unit, state, False)


def task_lines(tasks: Sequence[Task], limit: int = 6) -> list[str]:
    """The `docker service ps --no-trunc` rows of a service, for a timeout message."""
    lines = []
    for task in tasks[:limit]:
        row = task.row
        parts = [f"  {row.get('Name', task.slot)}", f"desired {row.get('DesiredState', '?')}",
                 f"current {row.get('CurrentState', '?')}"]
        if row.get("Node"):
            parts.insert(1, f"node {row['Node']}")
        if task.error:
            parts.append(f"error {task.error}")
        lines.append("  ".join(parts))
    return lines
