"""Every state a wait must tell apart, forced on the real backends.

Each state is reached before the wait looks, or is one that lasts (an exit
code, a restart count, a completed task), so no outcome depends on when a poll
happens: a job that finished before the first poll, a one-shot that fails
(exit 3: a failure naming the exit code, not a timeout), a service that
crash-loops, and the issue's one-shot that a service waits for with
service_completed_successfully.

Crash loops are given a healthcheck that cannot pass before the process exits:
without one, a process that is running cannot be told from one about to crash.
"""

from __future__ import annotations

import io
import re
import subprocess
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

import pytest
from click.testing import CliRunner

from orchconv.deploy.base import DeployError
from orchconv.deploy.command import deploy, down
from orchconv.deploy.compose import ComposeBackend
from orchconv.deploy.kubernetes import KubernetesBackend
from orchconv.deploy.progress import LogProgress
from orchconv.deploy.swarm import SwarmBackend
from orchconv.source.yamlout import dump_yaml
from tests.deploy.backends import unique_name
from tests.deploy.busybox import TEST_IMAGE
from tests.deploy.timeouts import TIMEOUT

pytestmark = pytest.mark.backend
T = TypeVar("T")

HTTPD = ["httpd", "-f", "-p", "8080", "-h", "/www"]
# A check that cannot have passed before a process that exits at once is gone.
SLOW_HEALTHCHECK = {"test": ["CMD", "true"], "interval": "1h", "start_period": "1h"}


def _service(command: list[str], **keys: Any) -> dict[str, Any]:
    return {"image": TEST_IMAGE, "command": command, "stop_grace_period": "1s", **keys}


def _issue_project(migrate_command: list[str]) -> dict[str, Any]:
    """The issue's project: a one-shot `migrate`, and `web` waiting for it to complete."""
    return {"services": {
        "migrate": _service(migrate_command, restart="no"),
        "web": _service(HTTPD, depends_on={
            "migrate": {"condition": "service_completed_successfully"}}),
    }}


def _eventually(what: str, check: Callable[[], T | None]) -> T:
    """Poll for a state that lasts once reached (a scheduling error, an event, a pod
    that exists), so the wait under test starts from it."""
    deadline = time.monotonic() + TIMEOUT
    while True:
        found = check()
        if found:
            return found
        if time.monotonic() >= deadline:
            raise AssertionError(f"{what}: not seen after {TIMEOUT:g}s")
        time.sleep(0.5)


def _progress_after_wait(backend: ComposeBackend | KubernetesBackend) -> str:
    log = io.StringIO()
    backend.wait(TIMEOUT, LogProgress(log))
    return log.getvalue()


def _failure(error: pytest.ExceptionInfo[DeployError]) -> str:
    text = str(error.value)
    assert "timed out" not in text, text
    return text


# ------------------------------------------------------------------ compose
@pytest.fixture
def compose_project(compose_engine: None) -> Iterator[ComposeBackend]:
    backend = ComposeBackend(unique_name("wc"), pull="never")
    try:
        yield backend
    finally:
        backend.teardown(timeout=TIMEOUT)


def _container_ids(project: str, service: str) -> list[str]:
    return subprocess.run(
        ["docker", "ps", "-aq", "--no-trunc", "--filter",
         f"label=com.docker.compose.project={project}",
         "--filter", f"label=com.docker.compose.service={service}"],
        capture_output=True, text=True, check=True).stdout.split()


def _exited(project: str, service: str) -> None:
    """Block until the service's containers have exited (`docker wait`: no polling)."""
    ids = _container_ids(project, service)
    assert ids
    subprocess.run(["docker", "wait", *ids], capture_output=True, check=True,
                   timeout=TIMEOUT)


def test_compose_one_shot_that_a_service_waits_for(compose_project: ComposeBackend) -> None:
    """`up` starts web only once migrate completed: the first poll finds it done."""
    compose_project.apply([_issue_project(["sh", "-c", "echo migrated"])])
    shown = _progress_after_wait(compose_project)
    assert "[ok] service migrate: 1/1 completed\n" in shown
    assert "[ok] service web: 1/1 running\n" in shown


def test_compose_one_shot_that_fails(compose_project: ComposeBackend) -> None:
    with pytest.raises(DeployError) as refused:
        compose_project.apply([_issue_project(["sh", "-c", "exit 3"])])
    assert "exit 3" in _failure(refused)  # compose's own refusal to start web
    compose_project.apply([{"services": {"job": _service(["sh", "-c", "exit 3"],
                                                         restart="no")}}])
    _exited(compose_project.name, "job")
    with pytest.raises(DeployError) as failed:
        compose_project.wait(TIMEOUT)
    assert _failure(failed) == "service job: container exited with code 3"


def test_compose_service_that_crash_loops(compose_project: ComposeBackend) -> None:
    compose_project.apply([{"services": {"web": _service(
        ["sh", "-c", "exit 1"], restart="always", healthcheck=SLOW_HEALTHCHECK)}}])
    with pytest.raises(DeployError) as failed:
        compose_project.wait(TIMEOUT)
    # 3 restarts or more, as the poll found them; the exit code while it was not running
    assert re.fullmatch(r"service web: container restarted \d+ times( \(last exit code 1\))?",
                        _failure(failed))


# -------------------------------------------------------------------- swarm
@pytest.fixture
def stack(swarm_engine: None) -> Iterator[SwarmBackend]:
    backend = SwarmBackend(unique_name("ws"), resolve_image="never")
    try:
        yield backend
    finally:
        backend.teardown(timeout=TIMEOUT)


def test_swarm_deploy_of_the_issue_project(swarm_engine: None, tmp_path: Path) -> None:
    """`orchconv deploy --to swarm` of a one-shot with `restart: "no"` completes, and a
    second wait's first poll finds the finished task as done as the first wait did."""
    name = unique_name("wi")
    path = tmp_path / "compose.yaml"
    path.write_text(dump_yaml(_issue_project(["sh", "-c", "echo migrated"])))
    runner = CliRunner()
    try:
        deployed = runner.invoke(deploy, ["--to", "swarm", str(path), "--name", name,
                                          "--resolve-image", "never",
                                          "--timeout", str(TIMEOUT)])
        assert deployed.exit_code == 0, deployed.output
        assert "[ok] service " + f"{name}_migrate: 1/1 completed" in deployed.output
        SwarmBackend(name).wait(TIMEOUT)
    finally:
        removed = runner.invoke(down, ["--to", "swarm", "--name", name,
                                       "--timeout", str(TIMEOUT)])
    assert removed.exit_code == 0, removed.output


def test_swarm_one_shot_that_fails(stack: SwarmBackend) -> None:
    stack.apply([{"services": {"job": _service(
        ["sh", "-c", "exit 3"], deploy={"restart_policy": {"condition": "none"}})}}])
    with pytest.raises(DeployError) as failed:
        stack.wait(TIMEOUT)
    assert _failure(failed) == \
        f"service {stack.name}_job: task {stack.name}_job.1 failed (exit code 3)"


def test_swarm_service_that_crash_loops(stack: SwarmBackend) -> None:
    stack.apply([{"services": {"web": _service(
        ["sh", "-c", "exit 1"], healthcheck=SLOW_HEALTHCHECK,
        deploy={"restart_policy": {"condition": "any", "delay": "1s"}})}}])
    with pytest.raises(DeployError) as failed:
        stack.wait(TIMEOUT)
    assert _failure(failed) == (f"service {stack.name}_web: tasks keep failing:"
                                f" task {stack.name}_web.1 failed (exit code 1)")


def test_swarm_service_no_node_may_run_fails(stack: SwarmBackend) -> None:
    stack.apply([{"services": {"web": _service(HTTPD, deploy={
        "placement": {"constraints": ["node.labels.orchconv-test==nowhere"]}})}}])
    with pytest.raises(DeployError) as failed:
        stack.wait(TIMEOUT)
    assert _failure(failed) == (f"service {stack.name}_web: no node can run its tasks: no"
                                f" suitable node (scheduling constraints not satisfied on 1"
                                f" node)")


def test_swarm_timeout_shows_the_tasks(stack: SwarmBackend) -> None:
    """A task whose healthcheck has not passed yet stays starting: the timeout lists it."""
    stack.apply([{"services": {"web": _service(HTTPD, healthcheck=SLOW_HEALTHCHECK)}}])
    _eventually("a starting task", lambda: "Starting" in subprocess.run(
        ["docker", "service", "ps", f"{stack.name}_web"],
        capture_output=True, text=True, check=False).stdout)
    with pytest.raises(DeployError) as timed_out:
        stack.wait(1)
    assert str(timed_out.value) == (f"timed out after 1s waiting for: service"
                                    f" {stack.name}_web (0/1 running (1 starting))")
    assert timed_out.value.__notes__[0] == \
        f"service {stack.name}_web: 0/1 running (1 starting); its tasks:"
    assert timed_out.value.__notes__[1].startswith(f"  {stack.name}_web.1  node ")
    assert "desired Running  current Starting" in timed_out.value.__notes__[1]


# ----------------------------------------------------------------- kubernetes
@pytest.fixture
def namespace(cluster: Path) -> Iterator[KubernetesBackend]:
    name = unique_name("wk")
    backend = KubernetesBackend(name, namespace=name, kubeconfig=cluster)
    try:
        yield backend
    finally:
        backend.teardown(timeout=TIMEOUT)


def _pod_spec(**keys: Any) -> dict[str, Any]:
    return {"containers": [{"name": "main", "image": TEST_IMAGE, "command": ["true"]}],
            **keys}


def _job(name: str, **spec: Any) -> dict[str, Any]:
    return {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": name},
            "spec": {"backoffLimit": 0, **spec}}


# No kwok node carries this label: the pod stays unscheduled, and kwok leaves it alone.
NOWHERE = {"orchconv-test": "nowhere"}


def _pods(backend: KubernetesBackend, selector: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = backend.cluster.resource("v1", "Pod").get(
        namespace=backend.namespace, label_selector=selector).to_dict()["items"]
    return found


def _report_exit(backend: KubernetesBackend, pod: Mapping[str, Any], code: int) -> None:
    """What a kubelet reports for a container that exited: the pod's status, as kwok
    fakes it for the pods on its nodes."""
    backend.cluster.resource("v1", "Pod").status.patch(
        name=pod["metadata"]["name"], namespace=backend.namespace,
        content_type="application/merge-patch+json",
        body={"status": {"phase": "Failed", "containerStatuses": [{
            "name": "main", "image": TEST_IMAGE, "imageID": "", "ready": False,
            "restartCount": 0, "state": {"terminated": {"exitCode": code,
                                                        "reason": "Error"}}}]}})


def test_k8s_job_that_completed_before_the_wait(namespace: KubernetesBackend) -> None:
    """kwok completes the pods of Jobs; a wait after the Job completed is done at once."""
    namespace.apply([_job("migrate", template={"spec": _pod_spec(restartPolicy="Never")})])
    assert "[ok] Job/migrate: 1/1 completed\n" in _progress_after_wait(namespace)
    assert _progress_after_wait(namespace) == "[ok] Job/migrate: 1/1 completed\n"


def test_k8s_job_that_fails(namespace: KubernetesBackend) -> None:
    namespace.apply([_job("migrate", template={"spec": _pod_spec(
        restartPolicy="Never", nodeSelector=NOWHERE)})])
    [pod] = _eventually("the Job's pod", lambda: _pods(namespace, "job-name=migrate"))
    _report_exit(namespace, pod, 3)
    with pytest.raises(DeployError) as failed:
        namespace.wait(TIMEOUT)
    message = _failure(failed)
    assert message.startswith("Job/migrate: ")
    assert message.endswith("(container main exited with code 3)")


def test_k8s_pod_that_fails(namespace: KubernetesBackend) -> None:
    namespace.apply([{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "once"},
                      "spec": _pod_spec(restartPolicy="Never", nodeSelector=NOWHERE)}])
    [pod] = _pods(namespace, f"io.orchconv.owner={namespace.name}")
    _report_exit(namespace, pod, 3)
    with pytest.raises(DeployError) as failed:
        namespace.wait(TIMEOUT)
    assert _failure(failed) == "Pod/once: pod failed: container main exited with code 3"


def test_k8s_workload_no_node_may_run_fails(namespace: KubernetesBackend) -> None:
    namespace.apply([{"apiVersion": "apps/v1", "kind": "Deployment",
                      "metadata": {"name": "web"},
                      "spec": {"selector": {"matchLabels": {"app": "web"}}, "template": {
                          "metadata": {"labels": {"app": "web"}},
                          "spec": _pod_spec(nodeSelector=NOWHERE)}}}])
    with pytest.raises(DeployError) as failed:
        namespace.wait(TIMEOUT)
    message = _failure(failed)
    assert message.startswith("Deployment/web: pod web-")
    assert ("cannot be scheduled: 0/2 nodes are available: 2 node(s) didn't match Pod's"
            " node affinity/selector") in message


def test_k8s_timeout_shows_conditions_and_events(namespace: KubernetesBackend) -> None:
    """A claim no volume binds stays Pending: the timeout shows the PV controller's word."""
    namespace.apply([{"apiVersion": "v1", "kind": "PersistentVolumeClaim",
                      "metadata": {"name": "data"},
                      "spec": {"accessModes": ["ReadWriteOnce"],
                               "resources": {"requests": {"storage": "1Mi"}}}}])
    events = namespace.cluster.resource("v1", "Event")
    _eventually("the PV controller's event", lambda: any(
        e["involvedObject"]["name"] == "data" for e in events.get(
            namespace=namespace.namespace).to_dict()["items"]))
    with pytest.raises(DeployError) as timed_out:
        namespace.wait(1)
    assert str(timed_out.value) == \
        "timed out after 1s waiting for: PersistentVolumeClaim/data (Pending)"
    notes = timed_out.value.__notes__
    assert notes[0] == "PersistentVolumeClaim/data: Pending"
    assert any(n.startswith("  event Normal FailedBinding (PersistentVolumeClaim/data): ")
               for n in notes[1:]), notes
