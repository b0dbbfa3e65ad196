"""How a wait classifies units, on recorded engine and API output (no backend needed).

The rows below are `docker service ps --no-trunc --format json`, `docker
service inspect` and `docker container inspect` output recorded from Docker
20.10 (trimmed to the fields read), and Kubernetes objects as the API returns them.
"""

from __future__ import annotations

from typing import Any

import pytest

from orchconv.deploy.base import DeployError, wait_until_ready
from orchconv.deploy.compose_status import one_shot_services
from orchconv.deploy.compose_status import service_status as compose_status
from orchconv.deploy.k8s_status import crash_loop, event_lines, job, pod, unschedulable
from orchconv.deploy.progress import UnitStatus
from orchconv.deploy.swarm_status import is_run_to_completion, tasks_by_service
from orchconv.deploy.swarm_status import service_status as swarm_status


def _row(name: str, current: str, desired: str = "Running", error: str = "") -> dict[str, Any]:
    """A row as Docker 20.10 prints it: a slot's tasks newest first, all with the slot's
    name (no "\\_" in JSON), the error quoted."""
    return {"CurrentState": current, "DesiredState": desired,
            "Error": f'"{error}"' if error else "", "ID": "zv6ad48g9n75i3v86mp3qhgip",
            "Image": "busybox:1.36", "Name": name, "Node": "vm", "Ports": ""}


def _spec(name: str, condition: str | None = None, mode: dict[str, Any] | None = None,
          max_attempts: int = 0) -> dict[str, Any]:
    policy: dict[str, Any] = {"Delay": 5_000_000_000, "MaxAttempts": max_attempts}
    if condition:
        policy["Condition"] = condition
    return {"Name": name, "Mode": mode or {"Replicated": {"Replicas": 1}},
            "TaskTemplate": {"RestartPolicy": policy}}


def _swarm(spec: dict[str, Any], rows: list[dict[str, Any]]) -> UnitStatus:
    tasks = tasks_by_service(rows).get(spec["Name"], [])
    return swarm_status(spec["Name"], spec, tasks)


# The case: `restart: "no"` became condition none; its task completed.
def test_a_completed_one_shot_is_ready_not_zero_of_one_running() -> None:
    spec = _spec("st_migrate", "none")
    status = _swarm(spec, [_row("st_migrate.1", "Complete 2 seconds ago", "Shutdown")])
    assert status.ready and status.failure is None
    assert status.state == "1/1 completed"
    running = _swarm(spec, [_row("st_migrate.1", "Running 1 second ago")])
    assert not running.ready and running.failure is None


def test_a_one_shot_that_exits_non_zero_fails_with_its_exit_code() -> None:
    rows = [_row("st_migrate.1", "Failed 1 second ago", "Shutdown",
                 "task: non-zero exit (3)")]
    status = _swarm(_spec("st_migrate", "none"), rows)
    assert status.failure == "task st_migrate.1 failed (exit code 3)"
    # on-failure retries: one failed task is not the end, max_attempts+1 of them are
    retried = _spec("st_migrate", "on-failure", max_attempts=2)
    assert _swarm(retried, rows).failure is None
    history = [_row("st_migrate.1", "Failed 1 second ago", "Shutdown", "task: non-zero exit (3)"),
               *[_row("st_migrate.1", "Failed 9 seconds ago", "Shutdown",
                      "task: non-zero exit (3)") for _ in range(2)]]
    assert _swarm(retried, history).failure == "task st_migrate.1 failed (exit code 3)"


def test_a_job_counts_its_completions() -> None:
    spec = _spec("st_job", mode={"ReplicatedJob": {"MaxConcurrent": 1, "TotalCompletions": 2}})
    one = [_row("st_job.1", "Complete 3 seconds ago", "Complete")]
    assert not _swarm(spec, one).ready
    two = [*one, _row("st_job.2", "Complete 1 second ago", "Complete")]
    assert _swarm(spec, two).ready
    assert is_run_to_completion(_spec("x", mode={"GlobalJob": {}}))
    assert not is_run_to_completion(_spec("x"))
    assert not is_run_to_completion(_spec("x", "any"))


def test_a_service_no_node_may_run_fails_but_one_short_of_resources_waits() -> None:
    spec = _spec("st_web")
    nowhere = "no suitable node (scheduling constraints not satisfied on 1 node)"
    status = _swarm(spec, [_row("st_web.1", "Pending 3 seconds ago", error=nowhere)])
    assert status.failure == f"no node can run its tasks: {nowhere}"
    short = "no suitable node (insufficient resources on 1 node)"
    assert _swarm(spec, [_row("st_web.1", "Pending 3 seconds ago", error=short)]).failure \
        is None
    mixed = "no suitable node (scheduling constraints not satisfied on 1 node; insufficient" \
        " resources on 1 node)"
    assert _swarm(spec, [_row("st_web.1", "Pending 1 second ago", error=mixed)]).failure \
        is None


def test_a_global_service_wants_one_task_per_node_not_per_row() -> None:
    spec = _spec("st_agent", mode={"Global": {}})
    rows = [_row("st_agent.vm1", "Running 1 second ago"),
            _row("st_agent.vm1", "Failed 9 seconds ago", "Shutdown", "task: non-zero exit (1)"),
            _row("st_agent.vm2", "Running 2 seconds ago")]
    status = _swarm(spec, rows)
    assert status.ready and status.state == "2/2 running"


def test_a_long_running_service_is_ready_when_its_replicas_run() -> None:
    spec = _spec("st_web", mode={"Replicated": {"Replicas": 2}})
    rows = [_row("st_web.1", "Running 5 seconds ago"), _row("st_web.2", "Starting 1 second ago")]
    status = _swarm(spec, rows)
    assert not status.ready and status.state == "1/2 running (1 starting)"
    rows[1] = _row("st_web.2", "Running 1 second ago")
    assert _swarm(spec, rows).ready


def test_a_crash_looping_service_fails_with_the_engine_error() -> None:
    spec = _spec("st_web")
    rows = [_row("st_web.1", "Ready 1 second ago"),
            *[_row("st_web.1", f"Failed {n} seconds ago", "Shutdown",
                   "task: non-zero exit (1)") for n in (6, 12, 18)]]
    status = _swarm(spec, rows)
    assert status.failure == "tasks keep failing: task st_web.1 failed (exit code 1)"
    assert _swarm(spec, rows[:3]).failure is None  # two failures: swarm may still settle


def test_a_one_shot_left_with_restart_condition_any_is_explained() -> None:
    rows = [_row("st_migrate.1", "Ready 1 second ago"),
            *[_row("st_migrate.1", f"Complete {n} seconds ago", "Shutdown")
              for n in (6, 12, 18)]]
    failure = _swarm(_spec("st_migrate"), rows).failure
    assert failure is not None and "restart_policy.condition none or on-failure" in failure


def _container(service: str, status: str, code: int = 0, restarts: int = 0,
               health: str | None = None, policy: str = "no",
               depends_on: str = "") -> dict[str, Any]:
    state: dict[str, Any] = {"Status": status, "ExitCode": code, "Error": ""}
    if health:
        state["Health"] = {"Status": health}
    labels = {"com.docker.compose.service": service}
    if depends_on:
        labels["com.docker.compose.depends_on"] = depends_on
    return {"Id": "c" * 64, "Name": f"/p-{service}-1", "State": state, "RestartCount": restarts,
            "HostConfig": {"RestartPolicy": {"Name": policy, "MaximumRetryCount": 0}},
            "Config": {"Labels": labels, "Env": []}}


def test_compose_knows_one_shots_from_their_dependents_labels() -> None:
    web = _container("web", "running", depends_on=(
        "migrate:service_completed_successfully:false,db:service_healthy:true"))
    assert one_shot_services([web]) == {"migrate"}
    running = compose_status("migrate", [_container("migrate", "running")], one_shot=True)
    assert not running.ready and running.failure is None
    done = compose_status("migrate", [_container("migrate", "exited")], one_shot=True)
    assert done.ready and done.state == "1/1 completed"
    failed = compose_status("migrate", [_container("migrate", "exited", 3)], one_shot=True)
    assert failed.failure == "container exited with code 3"


def test_compose_long_running_services() -> None:
    assert compose_status("web", [_container("web", "running")], one_shot=False).ready
    starting = compose_status("web", [_container("web", "running", health="starting")], False)
    assert not starting.ready and starting.failure is None
    assert compose_status("web", [_container("web", "running", health="healthy")], False).ready
    # `restart: "no"` that exited 0 is done; exit 3 is a failure, whatever the kind
    assert compose_status("web", [_container("web", "exited")], one_shot=False).ready
    assert compose_status("web", [_container("web", "exited", 3)], False).failure == \
        "container exited with code 3"
    looping = [_container("web", "restarting", 1, restarts=3, policy="always")]
    assert compose_status("web", looping, False).failure == \
        "container restarted 3 times (last exit code 1)"
    started_again = [_container("web", "running", 0, restarts=4, policy="always")]
    assert compose_status("web", started_again, False).failure == "container restarted 4 times"
    once = [_container("web", "restarting", 1, restarts=1, policy="always")]
    assert compose_status("web", once, False).failure is None
    assert not compose_status("web", once, False).ready


def _pod(phase: str, policy: str = "Always", ready: bool = False,
         containers: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"kind": "Pod", "metadata": {"name": "p", "labels": {"app": "p"}},
            "spec": {"restartPolicy": policy},
            "status": {"phase": phase, "containerStatuses": containers or [],
                       "conditions": [{"type": "Ready", "status": str(ready)}]}}


def test_kubernetes_pods_by_restart_policy() -> None:
    assert not pod(_pod("Running", "Never", ready=True)).ready  # still to complete
    assert pod(_pod("Succeeded", "Never")).ready
    assert pod(_pod("Running", "Always", ready=True)).ready
    failed = _pod("Failed", "Never", containers=[
        {"name": "main", "restartCount": 0, "state": {"terminated": {"exitCode": 3}}}])
    assert pod(failed).failure == "pod failed: container main exited with code 3"


def test_kubernetes_crash_loops_and_failed_jobs_name_exit_codes() -> None:
    looping = _pod("Running", containers=[
        {"name": "main", "restartCount": 4,
         "state": {"waiting": {"reason": "CrashLoopBackOff"}},
         "lastState": {"terminated": {"exitCode": 1}}}])
    assert crash_loop([looping]) == \
        "pod p: container main is crash-looping (restarted 4 times, last exit code 1)"
    assert pod(looping).failure == crash_loop([looping])
    failed = {"kind": "Job", "metadata": {"name": "once"}, "spec": {"completions": 1},
              "status": {"failed": 1, "conditions": [
                  {"type": "Failed", "status": "True", "reason": "BackoffLimitExceeded",
                   "message": "Job has reached the specified backoff limit"}]}}
    pods = [_pod("Failed", "Never", containers=[
        {"name": "main", "state": {"terminated": {"exitCode": 3}}}])]
    assert job(failed, pods).failure == ("Job has reached the specified backoff limit"
                                         " (container main exited with code 3)")


def _pending(message: str) -> dict[str, Any]:
    unscheduled = _pod("Pending")
    unscheduled["status"]["conditions"] = [{
        "type": "PodScheduled", "status": "False", "reason": "Unschedulable",
        "message": message}]
    return unscheduled


def test_kubernetes_pods_no_node_admits_fail_but_short_of_resources_wait() -> None:
    # recorded from kube-scheduler 1.35
    nowhere = ("0/2 nodes are available: 2 node(s) didn't match Pod's node"
               " affinity/selector. no new claims to deallocate, preemption: 0/2 nodes are"
               " available: 2 Preemption is not helpful for scheduling.")
    assert unschedulable([_pending(nowhere)]) == f"pod p cannot be scheduled: {nowhere}"
    assert pod(_pending(nowhere)).failure == f"pod p cannot be scheduled: {nowhere}"
    short = ("0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match Pod's node"
             " affinity/selector. preemption: not helpful.")
    assert unschedulable([_pending(short)]) is None


def test_events_about_an_object_and_its_pods_come_last_first_out() -> None:
    events = [
        {"type": "Warning", "reason": "FailedScheduling", "message": "0/2 nodes are available",
         "involvedObject": {"kind": "Pod", "name": "web-5d9c-abcde"},
         "lastTimestamp": "2026-01-01T00:00:02Z"},
        {"type": "Normal", "reason": "ScalingReplicaSet", "message": "Scaled up to 1",
         "involvedObject": {"kind": "Deployment", "name": "web"},
         "lastTimestamp": "2026-01-01T00:00:01Z"},
        {"type": "Normal", "reason": "Other", "message": "not about web",
         "involvedObject": {"kind": "Deployment", "name": "webapp"},
         "lastTimestamp": "2026-01-01T00:00:03Z"},
    ]
    assert event_lines(events, "web") == [
        "  event Normal ScalingReplicaSet (Deployment/web): Scaled up to 1",
        "  event Warning FailedScheduling (Pod/web-5d9c-abcde): 0/2 nodes are available"]


def test_a_timeout_names_what_it_waited_for_and_carries_the_details() -> None:
    def describe(units: list[UnitStatus]) -> list[str]:
        return [f"{u.name}: details" for u in units]

    try:
        wait_until_ready(lambda: [UnitStatus("service a", "0/1 running", False),
                                  UnitStatus("service b", "1/1 running", True)],
                         timeout=0, interval=0, describe=describe)
    except DeployError as error:
        assert str(error) == "timed out after 0s waiting for: service a (0/1 running)"
        assert error.__notes__ == ["service a: details"]
    else:
        raise AssertionError("no timeout")


def test_subnets_from_the_engines_configured_pool_count_as_picked_by_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from orchconv.deploy import docker_cli, docker_fields

    monkeypatch.setattr(docker_cli, "local_address_pools", lambda: (("10.200.0.0/16", 24),))
    assert docker_fields.in_default_pool("10.200.14.0/24", "local")
    assert not docker_fields.in_default_pool("172.28.0.0/16", "local")  # named by a file
    assert not docker_fields.in_default_pool("10.200.14.0/25", "local")
    monkeypatch.setattr(docker_cli, "local_address_pools", lambda: ())
    assert docker_fields.in_default_pool("172.28.0.0/16", "local")  # Docker's built-in pool
