"""Deploy to a Docker swarm with `docker stack deploy`; read the services back.

apply:     `docker stack deploy -c FILE NAME`, every service labelled as ours
wait:      every service at its replica count (jobs: all completions done); a
           service whose tasks keep failing is reported with the engine's error
read_back: `docker service inspect` -> stack document -> IR
teardown:  `docker stack rm NAME` once we know the stack is ours, then the task
           containers and the volumes the tasks created
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from orchconv.deploy import docker_cli
from orchconv.deploy.base import (
    DEFAULT_TIMEOUT,
    OWNER_LABEL,
    DeployError,
    ReadBack,
    checked_name,
    wait_until_gone,
    wait_until_ready,
)
from orchconv.deploy.ownership import label_document
from orchconv.deploy.progress import Progress, UnitStatus
from orchconv.deploy.readback_load import project_from_compose_data
from orchconv.deploy.swarm_readback import NAMESPACE, stack_document, unreadable
from orchconv.source.yamlout import dump_yaml

# `docker service ls` replicas column: "2/2", or "0/1 (1/1 completed)" for jobs.
_REPLICAS = re.compile(r"(\d+)/(\d+)(?: \((\d+)/(\d+) completed\))?")
# A service whose tasks failed this often, with none running, will not converge.
FAILED_TASKS_LIMIT = 3


def _require_manager() -> None:
    if not docker_cli.swarm_manager():
        raise DeployError("this Docker engine is not a swarm manager (run `docker swarm init`)")


class SwarmBackend:
    target = "swarm"

    def __init__(self, name: str, resolve_image: str = "always") -> None:
        self.name = checked_name(name)
        self.resolve_image = resolve_image  # always | changed | never

    @property
    def _stack_label(self) -> str:
        return f"{NAMESPACE}={self.name}"

    # ------------------------------------------------------------------ apply
    def apply(self, documents: Sequence[Mapping[str, Any]]) -> None:
        if len(documents) != 1:
            raise DeployError(f"a stack deploys one document, got {len(documents)}")
        _require_manager()
        self._check_owned()
        data = label_document(documents[0], self.name, swarm=True)
        with tempfile.TemporaryDirectory(prefix="orchconv-stack-") as folder:
            path = Path(folder) / "stack.yaml"
            path.write_text(dump_yaml(data), encoding="utf-8")
            docker_cli.docker("stack", "deploy", "--detach=true", "--prune", "--quiet",
                              "--resolve-image", self.resolve_image, "-c", str(path),
                              self.name)

    # ------------------------------------------------------------------- wait
    def _services(self) -> list[dict[str, Any]]:
        return docker_cli.json_lines(docker_cli.docker(
            "service", "ls", "--filter", f"label={self._stack_label}", "--format", "json"))

    def _failed_tasks(self) -> dict[str, list[str]]:
        """Errors of the tasks that failed, by service name."""
        output = docker_cli.docker("stack", "ps", self.name, "--no-trunc", "--format", "json",
                                   check=False)
        failures: dict[str, list[str]] = {}
        for task in docker_cli.json_lines(output) if output.strip().startswith("{") else []:
            state = str(task.get("CurrentState", ""))
            if state.startswith(("Failed", "Rejected")) and task.get("Error"):
                service = str(task.get("Name", "")).rsplit(".", 1)[0].lstrip("\\_ ")
                failures.setdefault(service, []).append(str(task["Error"]).strip("\"' "))
        return failures

    def _statuses(self) -> list[UnitStatus]:
        services = self._services()
        failures = self._failed_tasks() if services else {}
        statuses = []
        for service in sorted(services, key=lambda s: str(s.get("Name"))):
            name = str(service.get("Name"))
            statuses.append(_service_status(name, str(service.get("Replicas", "")),
                                             failures.get(name, [])))
        return statuses

    def wait(self, timeout: float = DEFAULT_TIMEOUT, progress: Progress | None = None) -> None:
        if not self._services():
            raise DeployError(f"stack {self.name!r} has no services")
        wait_until_ready(self._statuses, timeout, progress)

    # -------------------------------------------------------------- read back
    def read_back_document(self) -> dict[str, Any]:
        services = docker_cli.inspect("service", [str(s["ID"]) for s in self._services()])
        if not services:
            raise DeployError(f"stack {self.name!r} has no services")
        return read_back_services(services, self.name)

    def read_back(self) -> ReadBack:
        document = self.read_back_document()
        return ReadBack([document], project_from_compose_data(document, self.name),
                        unreadable(document))

    # --------------------------------------------------------------- teardown
    def _check_owned(self) -> None:
        for service in docker_cli.inspect("service", [str(s["ID"]) for s in self._services()]):
            labels = service["Spec"].get("Labels") or {}
            if labels.get(OWNER_LABEL) != self.name:
                raise DeployError(
                    f"stack {self.name!r} exists and was not deployed by orchconv (service"
                    f" {service['Spec']['Name']} has no {OWNER_LABEL}={self.name} label)")

    def _leftovers(self) -> list[str]:
        stack = f"label={self._stack_label}"
        running = docker_cli.docker("ps", "-q", "--filter", stack).split()
        networks = docker_cli.docker("network", "ls", "-q", "--filter", stack).split()
        services = [str(s["Name"]) for s in self._services()]
        return [*services, *(f"container {c}" for c in running),
                *(f"network {n}" for n in networks)]

    def _removing(self) -> list[str]:
        """What is left; networks whose tasks are gone are asked to go again."""
        left = self._leftovers()
        if left and all(item.startswith("network ") for item in left):
            docker_cli.docker("stack", "rm", "--detach=true", self.name, check=False)
        return left

    def teardown(self, wait: bool = True, timeout: float = DEFAULT_TIMEOUT) -> None:
        _require_manager()
        self._check_owned()
        if self._services() or self._leftovers():
            # A network still used by a stopping task makes `stack rm` fail for now;
            # the wait below asks again until nothing is left.
            docker_cli.docker("stack", "rm", "--detach=true", self.name, check=not wait)
        if not wait:
            return
        wait_until_gone(self._removing, timeout)
        # Swarm reaps stopped task containers itself, later; they pin the volumes.
        stopped = docker_cli.ids_with_label("container", self._stack_label, all_states=True)
        if stopped:
            docker_cli.docker("rm", "--force", "--volumes", *stopped)
        volumes = sorted({*docker_cli.ids_with_label("volume", self._stack_label),
                          *docker_cli.ids_with_label("volume", f"{OWNER_LABEL}={self.name}")})
        if volumes:
            docker_cli.docker("volume", "rm", "--force", *volumes)


def _service_status(name: str, replicas: str, errors: list[str]) -> UnitStatus:
    unit = f"service {name}"
    match = _REPLICAS.match(replicas)
    if not match:
        return UnitStatus(unit, replicas or "pending", False)
    running, desired = int(match.group(1)), int(match.group(2))
    if match.group(3) is not None:  # a job
        done, total = int(match.group(3)), int(match.group(4))
        if done >= total:
            return UnitStatus(unit, f"{done}/{total} completed", True)
        state, ready = f"{done}/{total} completed, {running} running", False
    else:
        state, ready = f"{running}/{desired} running", running >= desired
    if not ready and running == 0 and len(errors) >= FAILED_TASKS_LIMIT:
        return UnitStatus(unit, state, False, f"tasks keep failing: {errors[0]}")
    return UnitStatus(unit, state, ready)


def read_back_services(services: list[dict[str, Any]], stack: str | None) -> dict[str, Any]:
    """A stack document for inspected services, with the networks, secrets and configs
    they use."""
    network_ids = sorted({str(n["Target"]) for s in services
                          for n in (s["Spec"].get("TaskTemplate") or {}).get("Networks") or []})
    networks = docker_cli.inspect("network", network_ids)
    secret_ids = sorted({str(r["SecretID"]) for s in services for r in (
        (s["Spec"].get("TaskTemplate") or {}).get("ContainerSpec") or {}).get("Secrets") or []})
    config_ids = sorted({str(r["ConfigID"]) for s in services for r in (
        (s["Spec"].get("TaskTemplate") or {}).get("ContainerSpec") or {}).get("Configs") or []})
    secrets = docker_cli.inspect("secret", secret_ids)
    configs = docker_cli.inspect("config", config_ids)
    return stack_document(stack, services, networks, secrets, configs)


def export_services(names: Sequence[str]) -> ReadBack:
    """Read back swarm services by name (made with `docker service create`, say)."""
    _require_manager()
    services = docker_cli.inspect("service", list(names))
    document = read_back_services(services, None)
    project_name = checked_name(re.sub(r"[^a-z0-9_-]", "-", names[0].lower()).strip("-_")
                                or "swarm")
    return ReadBack([document], project_from_compose_data(document, project_name),
                    unreadable(document))
