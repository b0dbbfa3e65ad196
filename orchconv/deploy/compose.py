"""Deploy to a Docker engine with `docker compose`; read the containers back.

apply:     `docker compose -p NAME -f FILE up -d --remove-orphans`, the file labelled as ours
wait:      each service by its kind (compose_status): containers running (and
           healthy); those others wait for with service_completed_successfully
           exited 0; an exit code or a restart loop is a failure
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
    DeployError,
    ReadBack,
    checked_name,
    owned_by,
    owner_label,
    wait_until_gone,
    wait_until_ready,
)
from orchconv.deploy.compose_readback import PROJECT, SERVICE, compose_document
from orchconv.deploy.compose_status import container_line, one_shot_services, service_status
from orchconv.deploy.ownership import label_document
from orchconv.deploy.progress import Progress, UnitStatus
from orchconv.deploy.readback_load import project_from_compose_data
from orchconv.redaction import redact, secret_values
from orchconv.source.yamlout import dump_yaml

ONEOFF = "com.docker.compose.oneoff"


class ComposeBackend:
    target = "compose"

    def __init__(self, name: str, pull: str = "missing") -> None:
        self.name = checked_name(name)
        self.pull = pull  # always | missing | never: `docker compose up --pull`
        self._last: dict[str, list[dict[str, Any]]] = {}  # containers at the last poll

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

    def _inspected(self) -> list[dict[str, Any]]:
        """`docker inspect` of the project's service containers (not `run` ones)."""
        ids = docker_cli.ids_with_label("container", f"{PROJECT}={self.name}", all_states=True)
        if not ids:
            return []
        # A container removed between the two calls is left out, not an error.
        output = docker_cli.docker("container", "inspect", *ids, check=False).strip()
        found = docker_cli.json_lines(output) if output.startswith("[") else []
        return [c for c in found
                if ((c.get("Config") or {}).get("Labels") or {}).get(ONEOFF) != "True"]

    def _statuses(self) -> list[UnitStatus]:
        containers = self._inspected()
        one_shot = one_shot_services(containers)
        by_service: dict[str, list[dict[str, Any]]] = {}
        for container in containers:
            labels = (container.get("Config") or {}).get("Labels") or {}
            by_service.setdefault(str(labels.get(SERVICE, "?")), []).append(container)
        self._last = by_service
        return [service_status(name, by_service[name], name in one_shot)
                for name in sorted(by_service)]

    def _describe(self, units: list[UnitStatus]) -> list[str]:
        """`docker compose ps -a` state, exit code and last log lines of each unit."""
        lines = []
        for unit in units:
            name = unit.name.removeprefix("service ")
            lines.append(f"service {name}: {unit.failure or unit.state}")
            for container in self._last.get(name, []):
                lines.append(container_line(container))
                lines.extend(f"    | {line}" for line in _last_log_lines(container))
        return lines

    def wait(self, timeout: float = DEFAULT_TIMEOUT, progress: Progress | None = None) -> None:
        """Every service ready by its kind (compose_status); a project whose services all
        scale to 0 has none."""
        wait_until_ready(self._statuses, timeout, progress, describe=self._describe)

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
            if not owned_by(labels, self.name):
                raise DeployError(
                    f"compose project {self.name!r} exists and was not deployed by orchconv"
                    f" (container {container['Name'].lstrip('/')} has no"
                    f" {owner_label(self.name)} label)")

    def _leftovers(self) -> list[str]:
        owner = owner_label(self.name)
        return [*(f"container {i[:12]}" for i in docker_cli.ids_with_label(
                    "container", owner, all_states=True)),
                *(f"network {i[:12]}" for i in docker_cli.ids_with_label("network", owner)),
                *(f"volume {i}" for i in docker_cli.ids_with_label("volume", owner))]

    def teardown(self, wait: bool = True, timeout: float = DEFAULT_TIMEOUT) -> None:
        self._check_owned()
        docker_cli.compose("-p", self.name, "down", "--volumes", "--remove-orphans")
        owner = owner_label(self.name)
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


def _last_log_lines(container: Mapping[str, Any], count: int = 5) -> list[str]:
    """The container's last log lines, with the values of its secret-named variables
    masked."""
    done = docker_cli.run([docker_cli.docker_binary(), "logs", "--tail", str(count),
                           str(container.get("Id", ""))], check=False)
    text = (done.stdout + done.stderr).strip()
    environment = dict(item.partition("=")[::2]
                       for item in (container.get("Config") or {}).get("Env") or [])
    masked = redact(text, secret_values(environment))
    return [line[:200] for line in masked.splitlines()[-count:]]


__all__ = ["SERVICE", "ComposeBackend"]
