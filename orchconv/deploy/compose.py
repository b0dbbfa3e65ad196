"""Deploy to a Docker engine with `docker compose`; read the containers back.

apply:     `docker compose -p NAME -f FILE up -d --remove-orphans`, the file labelled as ours
wait:      every container running (and healthy when it has a healthcheck); one-shot
           containers that exited 0 count as done
read_back: `docker compose ps` + `docker inspect` -> compose document -> IR
teardown:  `docker compose -p NAME down -v`, then anything else carrying our label
"""

from __future__ import annotations

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
from orchconv.deploy.compose_readback import PROJECT, SERVICE, compose_document
from orchconv.deploy.ownership import label_document
from orchconv.deploy.progress import Progress, UnitStatus
from orchconv.deploy.readback_load import project_from_compose_data
from orchconv.source.yamlout import dump_yaml


class ComposeBackend:
    target = "compose"

    def __init__(self, name: str, pull: str = "missing") -> None:
        self.name = checked_name(name)
        self.pull = pull  # always | missing | never: `docker compose up --pull`

    # ------------------------------------------------------------------ apply
    def apply(self, documents: Sequence[Mapping[str, Any]]) -> None:
        if len(documents) != 1:
            raise DeployError(f"compose deploys one document, got {len(documents)}")
        self._check_owned()
        data = label_document(documents[0], self.name, swarm=False)
        data["name"] = self.name
        with tempfile.TemporaryDirectory(prefix="orchconv-compose-") as folder:
            path = Path(folder) / "compose.yaml"
            path.write_text(dump_yaml(data), encoding="utf-8")
            docker_cli.compose("-p", self.name, "-f", str(path), "up", "--detach",
                               "--remove-orphans", "--quiet-pull", "--pull", self.pull)

    # ------------------------------------------------------------------- wait
    def _containers(self) -> list[dict[str, Any]]:
        return docker_cli.json_lines(docker_cli.compose("-p", self.name, "ps", "--all",
                                                        "--format", "json"))

    def _statuses(self) -> list[UnitStatus]:
        by_service: dict[str, list[dict[str, Any]]] = {}
        for container in self._containers():
            by_service.setdefault(str(container.get("Service", "?")), []).append(container)
        return [_service_status(name, by_service[name]) for name in sorted(by_service)]

    def wait(self, timeout: float = DEFAULT_TIMEOUT, progress: Progress | None = None) -> None:
        """Every container ready; a project whose services all scale to 0 has none."""
        wait_until_ready(self._statuses, timeout, progress)

    # -------------------------------------------------------------- read back
    def read_back_document(self) -> dict[str, Any]:
        ids = [str(c["ID"]) for c in self._containers()]
        containers = docker_cli.inspect("container", ids)
        image_ids = sorted({str(c["Image"]) for c in containers})
        images = {str(i["Id"]): i.get("Config") or {}
                  for i in docker_cli.inspect("image", image_ids)}
        label = f"{PROJECT}={self.name}"
        networks = docker_cli.inspect("network", docker_cli.ids_with_label("network", label))
        volumes = docker_cli.inspect("volume", docker_cli.ids_with_label("volume", label))
        log_driver = docker_cli.docker("info", "--format", "{{.LoggingDriver}}").strip()
        return compose_document(self.name, containers, images, networks, volumes,
                                log_driver or "json-file")

    def read_back(self) -> ReadBack:
        document = self.read_back_document()
        return ReadBack([document], project_from_compose_data(document, self.name))

    # --------------------------------------------------------------- teardown
    def _check_owned(self) -> None:
        """Refuse to touch a project of the same name that someone else started."""
        for container in docker_cli.inspect(
                "container", docker_cli.ids_with_label("container", f"{PROJECT}={self.name}",
                                                       all_states=True)):
            labels = container["Config"].get("Labels") or {}
            if labels.get(OWNER_LABEL) != self.name:
                raise DeployError(
                    f"compose project {self.name!r} exists and was not deployed by orchconv"
                    f" (container {container['Name'].lstrip('/')} has no {OWNER_LABEL}"
                    f"={self.name} label)")

    def _leftovers(self) -> list[str]:
        owner = f"{OWNER_LABEL}={self.name}"
        return [*(f"container {i[:12]}" for i in docker_cli.ids_with_label(
                    "container", owner, all_states=True)),
                *(f"network {i[:12]}" for i in docker_cli.ids_with_label("network", owner)),
                *(f"volume {i}" for i in docker_cli.ids_with_label("volume", owner))]

    def teardown(self, wait: bool = True, timeout: float = DEFAULT_TIMEOUT) -> None:
        self._check_owned()
        docker_cli.compose("-p", self.name, "down", "--volumes", "--remove-orphans")
        owner = f"{OWNER_LABEL}={self.name}"
        # What `down` does not know of (a service dropped from the file, say).
        containers = docker_cli.ids_with_label("container", owner, all_states=True)
        if containers:
            docker_cli.docker("rm", "--force", "--volumes", *containers)
        for kind in ("network", "volume"):
            found = docker_cli.ids_with_label(kind, owner)
            if found:
                docker_cli.docker(kind, "rm", *found)
        if wait:
            wait_until_gone(self._leftovers, timeout)


def _service_status(name: str, containers: list[dict[str, Any]]) -> UnitStatus:
    running = [c for c in containers if c.get("State") == "running"]
    healthy = [c for c in running if c.get("Health") in ("", "healthy")]
    finished = [c for c in containers if c.get("State") == "exited"]
    failed = [c for c in finished if c.get("ExitCode") != 0]
    total = len(containers)
    unit = f"service {name}"
    if any(c.get("Health") == "unhealthy" for c in running):
        return UnitStatus(unit, "unhealthy", False, "container is unhealthy")
    if failed and not running:
        code = failed[0].get("ExitCode")
        return UnitStatus(unit, "exited", False, f"container exited with code {code}")
    if len(finished) == total and not failed:
        return UnitStatus(unit, "completed", True)
    state = f"{len(healthy)}/{total} running"
    if len(healthy) < len(running):
        state += " (health: starting)"
    return UnitStatus(unit, state, len(healthy) + len(finished) == total)


__all__ = ["SERVICE", "ComposeBackend"]
