"""Deploy to a Docker swarm with `docker stack deploy`; read the services back.

apply:     `docker stack deploy -c FILE NAME`, every service labelled as ours
wait:      each service by its kind (swarm_status): long-running ones with their
           tasks running, jobs and restart condition none/on-failure ones with their
           tasks complete; failed tasks are reported with their exit code
read_back: `docker service inspect` -> stack document -> IR
teardown:  `docker stack rm NAME` once we know the stack is ours, then the task
           containers and the volumes the tasks created
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from orchconv.deploy import docker_cli
from orchconv.deploy.base import (
    DEFAULT_TIMEOUT,
    DeployError,
    ReadBack,
    checked_name,
    name_from,
    owned_by,
    owner_label,
    wait_until_gone,
    wait_until_ready,
)
from orchconv.deploy.ownership import label_document
from orchconv.deploy.progress import Progress, UnitStatus
from orchconv.deploy.readback_load import project_from_compose_data
from orchconv.deploy.swarm_readback import NAMESPACE, stack_document, unreadable
from orchconv.deploy.swarm_status import Task, service_status, task_lines, tasks_by_service
from orchconv.source.yamlout import dump_yaml


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

    def wait(self, timeout: float = DEFAULT_TIMEOUT, progress: Progress | None = None) -> None:
        if not self._services():
            raise DeployError(f"stack {self.name!r} has no services")
        wait_for_services(f"label={self._stack_label}", timeout, progress)

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
            if not owned_by(labels, self.name):
                raise DeployError(
                    f"stack {self.name!r} exists and was not deployed by orchconv (service"
                    f" {service['Spec']['Name']} has no {owner_label(self.name)} label)")

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

    def _reaping(self) -> list[str]:
        """The stack's stopped containers, each asked to go.  Swarm may be removing one
        at the same moment ("removal ... already in progress"): the next poll decides."""
        stopped = docker_cli.ids_with_label("container", self._stack_label, all_states=True)
        if stopped:
            docker_cli.docker("rm", "--force", "--volumes", *stopped, check=False)
        left = docker_cli.ids_with_label("container", self._stack_label, all_states=True)
        return [f"container {c}" for c in left]

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
        # Stopped task containers pin the volumes; swarm reaps them itself, later.
        wait_until_gone(self._reaping, timeout)
        volumes = sorted({*docker_cli.ids_with_label("volume", self._stack_label),
                          *docker_cli.ids_with_label("volume", owner_label(self.name))})
        if volumes:
            docker_cli.docker("volume", "rm", "--force", *volumes)


class _Watch:
    """The services matching a filter, their specs and their tasks, polled together."""

    def __init__(self, service_filter: str) -> None:
        self.service_filter = service_filter
        self.tasks: dict[str, list[Task]] = {}

    def statuses(self) -> list[UnitStatus]:
        ids = docker_cli.docker("service", "ls", "-q", "--filter", self.service_filter).split()
        # A service removed between the two calls is left out, not an error.
        specs = [s["Spec"] for s in _inspect_present("service", ids)]
        self.tasks = _tasks(ids) if ids else {}
        return [service_status(str(spec["Name"]), spec, self.tasks.get(str(spec["Name"]), []))
                for spec in sorted(specs, key=lambda spec: str(spec["Name"]))]

    def describe(self, units: list[UnitStatus]) -> list[str]:
        """`docker service ps --no-trunc` rows of the services not ready."""
        lines = []
        for unit in units:
            name = unit.name.removeprefix("service ")
            lines.append(f"service {name}: {unit.failure or unit.state}; its tasks:")
            lines.extend(task_lines(self.tasks.get(name, [])) or ["  (no task yet)"])
        return lines


def _inspect_present(kind: str, ids: Sequence[str]) -> list[dict[str, Any]]:
    if not ids:
        return []
    output = docker_cli.docker(kind, "inspect", *ids, check=False).strip()
    return docker_cli.json_lines(output) if output.startswith("[") else []


def _tasks(service_ids: Sequence[str]) -> dict[str, list[Task]]:
    output = docker_cli.docker("service", "ps", "--no-trunc", "--format", "json", *service_ids,
                               check=False)
    rows = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    return tasks_by_service(rows)


def wait_for_services(service_filter: str, timeout: float = DEFAULT_TIMEOUT,
                      progress: Progress | None = None) -> None:
    """Wait until the services a `docker service ls --filter` selects are ready, each
    by its kind (see swarm_status)."""
    watch = _Watch(service_filter)
    wait_until_ready(watch.statuses, timeout, progress, describe=watch.describe)


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
    project_name = name_from(names[0], "swarm")
    return ReadBack([document], project_from_compose_data(document, project_name),
                    unreadable(document))
